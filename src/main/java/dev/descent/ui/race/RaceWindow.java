package dev.descent.ui.race;

import dev.descent.engine.landscape.TestFunction;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The optimizer race in its own window (View &gt; Optimizer Race…). */
public final class RaceWindow {
    private RaceWindow() {
    }

    /** Opens the race on {@code function} (null: Rosenbrock) from {@code start} (null: its classic start). */
    public static RaceView show(Window owner, TestFunction function, double[] start) {
        RaceView view = new RaceView();
        if (function != null) {
            view.setFunction(function, start);
        }
        Stage stage = new Stage();
        stage.setTitle("Optimizer Race");
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setScene(new Scene(view));
        stage.show();
        return view;
    }
}
