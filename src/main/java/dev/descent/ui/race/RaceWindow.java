package dev.descent.ui.race;

import dev.descent.engine.landscape.TestFunction;
import dev.descent.lesson.Lesson;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The optimizer race in its own window (View &gt; Optimizer Race…, or a lesson's race button). */
public final class RaceWindow {
    private RaceWindow() {
    }

    /** Opens the race on {@code function} (null: Rosenbrock) from {@code start} (null: its classic start). */
    public static RaceView show(Window owner, TestFunction function, double[] start) {
        RaceView view = new RaceView();
        if (function != null) {
            view.setFunction(function, start);
        }
        return show(owner, view);
    }

    /**
     * Opens the race a lesson names: its function, its start, its optimizers (none named: the race's own),
     * already running at {@link #LESSON_SPEED} steps/s, so that one click shows the lesson's point.
     */
    public static RaceView show(Window owner, Lesson.Race race) {
        RaceView view = new RaceView(race.optimizers());
        view.setFunction(race.function(), race.start());
        view.setSpeed(LESSON_SPEED);
        view.setPlaying(true);
        return show(owner, view);
    }

    /** Steps per second of a race opened by a lesson: 1000 steps, Adam's way to Rosenbrock's minimum, in 10 s. */
    public static final int LESSON_SPEED = 100;

    private static RaceView show(Window owner, RaceView view) {
        Stage stage = new Stage();
        stage.setTitle("Optimizer Race — Descent");
        Scene scene = new Scene(view);
        if (owner != null) {
            stage.initOwner(owner);
            if (owner.getScene() != null) {
                scene.getStylesheets().setAll(List.copyOf(owner.getScene().getStylesheets()));
            }
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> view.stop());
        stage.show();
        return view;
    }
}
