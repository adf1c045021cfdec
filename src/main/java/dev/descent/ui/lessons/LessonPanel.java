package dev.descent.ui.lessons;

import dev.descent.lesson.Lesson;
import dev.descent.lesson.Part;
import dev.descent.lesson.Pointer;
import dev.descent.ui.race.RaceWindow;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The side panel of an open lesson: its title, the current step's text with what to watch, Previous and
 * Next (PageUp, PageDown), and the challenge with Check, Hint and Show solution.
 */
final class LessonPanel extends VBox {
    static final double WIDTH = 360;

    private final LessonController controller;
    private final Label title = new Label();
    private final Label stepTitle = new Label();
    private final Label stepCount = new Label();
    private final VBox stepText = new VBox();
    private final Label watch = new Label();
    private final VBox challengeText = new VBox();
    private final Label editable = new Label();
    private final Label hint = new Label();
    private final Label result = new Label();
    private final Button previous = new Button("◀ Previous");
    private final Button next = new Button("Next ▶");
    private final Button race = new Button("Open the optimizer race ▶");

    LessonPanel(LessonController controller) {
        this.controller = controller;
        setId("lesson-panel");
        getStyleClass().add("lesson-panel");
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);

        Label kicker = new Label("LESSON");
        kicker.getStyleClass().add("lesson-kicker");
        Button close = new Button("✕");
        close.setId("lesson-close");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Close the lesson (the experiment stays open, unlocked)"));
        close.setOnAction(e -> controller.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(kicker, spacer, close);
        top.setAlignment(Pos.CENTER_LEFT);
        title.setId("lesson-title");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);

        stepCount.setId("lesson-step-count");
        stepCount.getStyleClass().add("lesson-step-count");
        stepTitle.setId("lesson-step-title");
        stepTitle.getStyleClass().add("lesson-step-title");
        stepTitle.setWrapText(true);
        stepText.setId("lesson-step-text");
        watch.setId("lesson-watch-list");
        watch.getStyleClass().add("lesson-watch-list");
        watch.setWrapText(true);
        previous.setId("lesson-previous");
        previous.setTooltip(new Tooltip("Previous step (PageUp)"));
        previous.setOnAction(e -> controller.previous());
        next.setId("lesson-next");
        next.setTooltip(new Tooltip("Next step (PageDown)"));
        next.setOnAction(e -> controller.next());
        next.getStyleClass().add("accent");
        HBox paging = new HBox(8, previous, next);
        paging.setAlignment(Pos.CENTER_RIGHT);
        race.setId("lesson-race");
        race.setTooltip(new Tooltip("The lesson's optimizers on a loss landscape, in a window of their own"));
        race.setMaxWidth(Double.MAX_VALUE);
        race.managedProperty().bind(race.visibleProperty());
        race.setOnAction(e -> openRace());

        VBox steps = new VBox(8, stepCount, stepTitle, stepText, watch, race);
        ScrollPane scroll = new ScrollPane(steps);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("lesson-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        Label challenge = new Label("Challenge");
        challenge.getStyleClass().add("lesson-challenge-title");
        challengeText.setId("lesson-challenge-text");
        editable.setId("lesson-editable");
        editable.getStyleClass().add("lesson-editable");
        editable.setWrapText(true);
        Button check = new Button("Check");
        check.setId("lesson-check");
        check.getStyleClass().add("accent");
        check.setTooltip(new Tooltip("Judge the challenge on the runs trained so far, as 'descent lesson check' does"));
        check.setOnAction(e -> controller.check());
        Button hintButton = new Button("Hint");
        hintButton.setId("lesson-hint");
        hintButton.setOnAction(e -> {
            hint.setVisible(true);
            hint.setManaged(true);
        });
        Button solution = new Button("Show solution");
        solution.setId("lesson-solution");
        solution.setTooltip(new Tooltip("Load the lesson's solution (Undo brings your attempt back)"));
        solution.setOnAction(e -> controller.showSolution());
        HBox buttons = new HBox(8, check, hintButton, solution);
        hint.setId("lesson-hint-text");
        hint.getStyleClass().add("lesson-hint");
        hint.setWrapText(true);
        result.setId("lesson-result");
        result.getStyleClass().add("lesson-result");
        result.setWrapText(true);
        result.textProperty().bind(controller.resultProperty());
        result.visibleProperty().bind(result.textProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        controller.metProperty().addListener((o, was, now) -> {
            result.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("met"), Boolean.TRUE.equals(now));
            result.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("missed"), Boolean.FALSE.equals(now));
        });
        VBox challengeBox = new VBox(8, challenge, challengeText, editable, buttons, hint, result);
        challengeBox.getStyleClass().add("lesson-challenge");

        getChildren().addAll(top, title, new Separator(), scroll, paging, challengeBox);
        setSpacing(10);
        setPadding(new Insets(12));

        visibleProperty().bind(controller.lessonProperty().isNotNull());
        managedProperty().bind(visibleProperty());
        controller.lessonProperty().addListener((o, was, now) -> showLesson(now));
        controller.stepProperty().addListener((o, was, now) -> showStep());
        previous.disableProperty().bind(Bindings.createBooleanBinding(() -> controller.stepProperty().get() <= 0,
                controller.stepProperty()));
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> controller.lesson() == null
                || controller.stepProperty().get() >= controller.lesson().steps().size() - 1,
                controller.stepProperty(), controller.lessonProperty()));
    }

    private void showLesson(Lesson l) {
        if (l == null) {
            return;
        }
        title.setText(l.title());
        challengeText.getChildren().setAll(MarkdownText.render(l.challenge().text()));
        editable.setText("You may change: " + l.challenge().locks().editable().stream().map(Part::toString)
                .collect(Collectors.joining(", ")) + ". Everything else is locked.");
        hint.setText("Hint: " + l.challenge().hint().replace("**", ""));
        hint.setVisible(false);
        hint.setManaged(false);
        race.setVisible(l.race() != null);
        showStep();
    }

    /** Opens the race the lesson names, beside the window. */
    private void openRace() {
        Lesson l = controller.lesson();
        if (l != null && l.race() != null) {
            RaceWindow.show(getScene() == null ? null : getScene().getWindow(), l.race());
        }
    }

    private void showStep() {
        Lesson l = controller.lesson();
        int i = controller.stepProperty().get();
        if (l == null || i < 0 || i >= l.steps().size()) {
            return;
        }
        Lesson.Step s = l.steps().get(i);
        stepCount.setText("Step " + (i + 1) + " of " + l.steps().size());
        stepTitle.setText(s.title());
        stepText.getChildren().setAll(MarkdownText.render(s.text()));
        watch.setText(s.watch().isEmpty() ? "" : "Watch: " + describe(s.watch()));
    }

    /** "the loss chart, node h1, run 'SGD'". */
    static String describe(List<Pointer> pointers) {
        return pointers.stream().map(LessonPanel::describe).collect(Collectors.joining(", "));
    }

    static String describe(Pointer p) {
        if (p.isNode()) {
            return "node " + p.target();
        }
        if (p.isRun()) {
            return "run '" + p.target() + "'";
        }
        return switch (p.text()) {
            case "canvas" -> "the network";
            case "palette" -> "the palettes";
            case "inspector" -> "the inspector";
            case "runs" -> "the runs list";
            case "chart-loss" -> "the loss chart";
            case "chart-gradient" -> "the gradient chart";
            case "chart-accuracy" -> "the accuracy chart";
            case "chart-lr" -> "the learning-rate chart";
            case "data-view" -> "the data view";
            default -> p.text();
        };
    }
}
