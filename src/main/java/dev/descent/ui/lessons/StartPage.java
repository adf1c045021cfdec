package dev.descent.ui.lessons;

import dev.descent.lesson.Lesson;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;

/**
 * The start page: every built-in lesson as a card with its number, title and summary; a click opens it.
 * Shown at the first launch, and any time from Lessons &gt; Start Page or Help &gt; Lessons.
 */
final class StartPage {
    private final Stage window = new Stage();

    StartPage(Stage owner, List<Lesson> lessons, Consumer<Lesson> open) {
        window.initOwner(owner);
        window.initModality(Modality.NONE);
        window.setTitle("Lessons — Descent");
        Label heading = new Label("Lessons");
        heading.getStyleClass().add("start-heading");
        Label intro = new Label("Each lesson opens an experiment that shows one idea of deep-learning optimization, with a"
                + " short text to page through and a challenge to solve. Press Train (F5) once it is open.");
        intro.setWrapText(true);
        intro.getStyleClass().add("start-intro");
        GridPane cards = new GridPane();
        cards.setHgap(12);
        cards.setVgap(12);
        for (int i = 0; i < lessons.size(); i++) {
            Lesson l = lessons.get(i);
            Label number = new Label(String.valueOf(i + 1));
            number.getStyleClass().add("start-number");
            Label title = new Label(l.title());
            title.getStyleClass().add("start-title");
            title.setWrapText(true);
            Label summary = new Label(l.summary());
            summary.getStyleClass().add("start-summary");
            summary.setWrapText(true);
            VBox text = new VBox(4, title, summary);
            javafx.scene.layout.HBox content = new javafx.scene.layout.HBox(12, number, text);
            content.setAlignment(Pos.TOP_LEFT);
            Button card = new Button(null, content);
            card.setId("start-lesson-" + (i + 1));
            card.getStyleClass().add("start-card");
            card.setMaxWidth(Double.MAX_VALUE);
            card.setPrefWidth(400);
            card.setAlignment(Pos.TOP_LEFT);
            card.setOnAction(e -> open.accept(l));
            cards.add(card, i % 2, i / 2);
        }
        Label footer = new Label("Reopen this page from Help > Lessons or Lessons > Start Page. A lesson file of your own"
                + " (*.lesson.json) opens with File > Open.");
        footer.setWrapText(true);
        footer.getStyleClass().add("start-footer");
        VBox page = new VBox(14, heading, intro, cards, footer);
        page.setPadding(new Insets(24));
        page.setId("lesson-start-page");
        page.getStyleClass().add("start-page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        Scene scene = new Scene(scroll, 880, 640);
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
