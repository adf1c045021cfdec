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
    private static final double CARD_WIDTH = 400;
    private static final double CARD_PADDING = 12; // lessons.css .start-card
    private static final double NUMBER_WIDTH = 28; // lessons.css .start-number
    private static final double GAP = 12;
    private static final double PADDING = 24;
    private static final double TEXT_WIDTH = CARD_WIDTH - 2 * CARD_PADDING - NUMBER_WIDTH - GAP;
    private final Stage window = new Stage();

    /** The page's size along one axis: its preferred size, smaller when the owner window is smaller. */
    static double size(double ownerSize, double preferred, double margin) {
        if (Double.isNaN(ownerSize) || ownerSize <= 0) {
            return preferred;
        }
        return Math.max(320, Math.min(preferred, ownerSize - margin));
    }

    StartPage(Stage owner, List<Lesson> lessons, Consumer<Lesson> open) {
        this(owner, lessons, open, size(owner.getWidth(), 880, 80), size(owner.getHeight(), 640, 80));
    }

    StartPage(Stage owner, List<Lesson> lessons, Consumer<Lesson> open, double width, double height) {
        window.initOwner(owner);
        window.initModality(Modality.NONE);
        window.setTitle("Lessons — Descent");
        Label heading = new Label("Lessons");
        heading.getStyleClass().add("start-heading");
        Label intro = new Label("Each lesson opens an experiment that shows one idea of deep-learning optimization, with a"
                + " short text to page through and a challenge to solve. Press Train (F5) once it is open.");
        intro.setWrapText(true);
        intro.getStyleClass().add("start-intro");
        FlowPane cards = new FlowPane(GAP, GAP);
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
                wrapped.setPrefWidth(TEXT_WIDTH);
                wrapped.setMaxWidth(TEXT_WIDTH);
                wrapped.setMinHeight(Region.USE_PREF_SIZE);
            }
            VBox text = new VBox(4, title, summary);
            text.setPrefWidth(TEXT_WIDTH);
            HBox content = new HBox(GAP, number, text) {
                // a button asks its graphic for its height at no width, at which wrapped text is one word per line
                @Override
                protected double computePrefHeight(double width) {
                    return super.computePrefHeight(width < 0 ? CARD_WIDTH - 2 * CARD_PADDING : width);
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
            card.setPrefWidth(CARD_WIDTH);
            card.setMinWidth(CARD_WIDTH);
            card.setMaxWidth(CARD_WIDTH);
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
        VBox page = new VBox(14, heading, intro, cards, footer);
        page.setPadding(new Insets(PADDING));
        page.setId("lesson-start-page");
        page.getStyleClass().add("start-page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setId("start-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // the cards wrap to the width the page has: two columns when they fit, one when they do not
        cards.prefWrapLengthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(CARD_WIDTH, scroll.getViewportBounds().getWidth() - 2 * PADDING),
                scroll.viewportBoundsProperty()));
        Scene scene = new Scene(scroll, width, height);
        if (owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        scene.getStylesheets().add(StartPage.class.getResource("/dev/descent/ui/lessons/lessons.css").toExternalForm());
        window.setScene(scene);
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
