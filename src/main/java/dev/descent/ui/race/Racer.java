package dev.descent.ui.race;

import dev.descent.engine.landscape.TestFunction;
import dev.descent.engine.landscape.Trajectory;
import dev.descent.engine.landscape.TrajectoryStepper;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.Arrays;
import javafx.scene.paint.Color;

/** One contestant: an engine {@link TrajectoryStepper} and its path so far (growable arrays, no per-step boxing). */
final class Racer {
    /** The most steps a racer makes (the race stops there; a schedule would span them). */
    static final int HORIZON = 10_000;
    final Color color;
    private Choice<OptimizerType> choice;
    private TrajectoryStepper walker;
    private double[] xs = new double[256];
    private double[] ys = new double[256];
    private int size;

    Racer(Choice<OptimizerType> choice, Color color) {
        this.choice = choice;
        this.color = color;
    }

    void restart(TestFunction f, double[] start) {
        walker = new TrajectoryStepper(f, choice, Choice.of(Schedule.CONSTANT), HORIZON, start);
        size = 0;
        add(start[0], start[1]);
    }

    /** One step, or false (and no step) once the walker diverged or has made {@link #HORIZON} steps. */
    boolean step() {
        if (walker.stepCount() >= HORIZON) {
            return false;
        }
        Trajectory.Point p = walker.step();
        if (p == null) {
            return false;
        }
        add(p.x(), p.y());
        return true;
    }

    void retune(Choice<OptimizerType> next) {
        choice = next;
        walker.retune(next);
    }

    private void add(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    Choice<OptimizerType> choice() {
        return choice;
    }

    TrajectoryStepper walker() {
        return walker;
    }

    /** The optimizer's name in files and element ids ({@code "sgd"}). */
    String name() {
        return choice.term().id();
    }

    /** The optimizer's name for people ({@code "SGD"}, {@code "Momentum"}). */
    String title() {
        return choice.term().explained().title();
    }

    int size() {
        return size;
    }

    double x(int i) {
        return xs[i];
    }

    double y(int i) {
        return ys[i];
    }
}
