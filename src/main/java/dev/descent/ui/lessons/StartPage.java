package dev.descent.ui.lessons;

import dev.descent.lesson.Lesson;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

/**
 * The start page: every built-in lesson as a card with its number, title and summary; a click opens it.
 * Shown at the first launch, and any time from Lessons &gt; Start Page or Help &gt; Lessons.
 */
final class StartPage {
    /** At scale 1; all of these grow with the scale, as presenter.css grows the text. */
    private static final double CARD_WIDTH = 400;
    private static final double CARD_PADDING = 12; // lessons.css .start-card
    private static final double NUMBER_WIDTH = 28; // lessons.css .start-number
    private static final double GAP = 12;
    private static final double PADDING = 24;
    private final Stage window = new Stage();
    private final double scale;
    private final double cardWidth;
    private final double cardPadding;
    private final double gap;
    private final double padding;
    private final double textWidth;

    /** The page's size along one axis: its preferred size, smaller when the owner window is smaller. */
    static double size(double ownerSize, double preferred, double margin) {
        if (Double.isNaN(ownerSize) || ownerSize <= 0) {
            return preferred;
        }
        return Math.max(320, Math.min(preferred, ownerSize - margin));
    }

    /** At {@code scale} times the usual size (presenter mode's 1.6), as large as the owner window allows. */
    StartPage(Stage owner, List<Lesson> lessons, Consumer<Lesson> open, double scale) {
        this(owner, lessons, open, size(owner.getWidth(), 880 * scale, 80), size(owner.getHeight(), 640 * scale, 80), scale);
    }

    StartPage(Stage owner, List<Lesson> lessons, Consumer<Lesson> open, double width, double height) {
        this(owner, lessons, open, width, height, 1);
    }

    StartPage(Stage owner, List<Lesson> lessons, Consumer<Lesson> open, double width, double height, double scale) {
        this.scale = scale;
        cardWidth = CARD_WIDTH * scale;
        cardPadding = CARD_PADDING * scale;
        gap = GAP * scale;
        padding = PADDING * scale;
        textWidth = cardWidth - 2 * cardPadding - NUMBER_WIDTH * scale - gap;
        window.initOwner(owner);
        window.initModality(Modality.NONE);
        window.setTitle("Lessons — Descent");
        Label heading = new Label("Lessons");
        heading.getStyleClass().add("start-heading");
        Label intro = new Label("Each lesson opens an experiment that shows one idea of deep-learning optimization, with a"
                + " short text to page through and a challenge to solve. Press Train (F5) once it is open.");
        intro.setWrapText(true);
        intro.getStyleClass().add("start-intro");
        FlowPane cards = new FlowPane(gap, gap);
        cards.setId("start-cards");
        cards.setAlignment(Pos.TOP_LEFT);
        for (int i = 0; i < lessons.size(); i++) {
            Lesson l = lessons.get(i);
            Label number = new Label(String.valueOf(i + 1));
            number.getStyleClass().add("start-number");
            Label title = new Label(l.title());
            title.getStyleClass().add("start-title");
            Label summary = new Label(l.summary());
            summary.getStyleClass().add("start-summary");
            for (Label wrapped : List.of(title, summary)) { // wrapped at a known width, so the height is natural
                wrapped.setWrapText(true);
                wrapped.setPrefWidth(textWidth);
                wrapped.setMaxWidth(textWidth);
                wrapped.setMinHeight(Region.USE_PREF_SIZE);
            }
            VBox text = new VBox(4 * scale, title, summary);
            text.setPrefWidth(textWidth);
            HBox content = new HBox(gap, number, text) {
                // a button asks its graphic for its height at no width, at which wrapped text is one word per line
                @Override
                protected double computePrefHeight(double width) {
                    return super.computePrefHeight(width < 0 ? cardWidth - 2 * cardPadding : width);
                }

                @Override
                protected double computeMinHeight(double width) {
                    return computePrefHeight(width);
                }
            };
            content.setAlignment(Pos.TOP_LEFT);
            Button card = new Button(null, content);
            card.setId("start-lesson-" + (i + 1));
            card.getStyleClass().add("start-card");
            card.setPrefWidth(cardWidth);
            card.setMinWidth(cardWidth);
            card.setMaxWidth(cardWidth);
            card.setMinHeight(Region.USE_PREF_SIZE);
            card.setMaxHeight(Region.USE_PREF_SIZE); // never stretched to the tallest card or the page
            card.setAlignment(Pos.TOP_LEFT);
            card.setOnAction(e -> open.accept(l));
            cards.getChildren().add(card);
        }
        Label footer = new Label("Reopen this page from Help > Lessons or Lessons > Start Page. A lesson file of your own"
                + " (*.lesson.json or *.descent-lesson) opens with File > Open or from the file manager.");
        footer.setWrapText(true);
        footer.getStyleClass().add("start-footer");
        VBox page = new VBox(14 * scale, heading, intro, cards, footer);
        page.setPadding(new Insets(padding));
        page.setId("lesson-start-page");
        page.getStyleClass().add("start-page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setId("start-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // the cards wrap to the width the page has: two columns when they fit, one when they do not
        cards.prefWrapLengthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(cardWidth, scroll.getViewportBounds().getWidth() - 2 * padding),
                scroll.viewportBoundsProperty()));
        Scene scene = new Scene(scroll, width, height);
        if (owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        scene.getStylesheets().add(StartPage.class.getResource("/dev/descent/ui/lessons/lessons.css").toExternalForm());
        window.setScene(scene);
    }

    /** The scale the page was made at. */
    double scale() {
        return scale;
    }

    void show() {
        window.show();
        window.toFront();
    }

    void hide() {
        window.hide();
    }

    boolean isShowing() {
        return window.isShowing();
    }

    Stage window() {
        return window;
    }
}
