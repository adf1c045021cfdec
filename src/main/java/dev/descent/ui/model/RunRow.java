package dev.descent.ui.model;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One line of the runs panel. */
public final class RunRow {
    private final StringProperty name = new SimpleStringProperty();
    private final StringProperty color = new SimpleStringProperty();
    private final StringProperty optimizer = new SimpleStringProperty();
    private final StringProperty learningRate = new SimpleStringProperty();
    private final StringProperty schedule = new SimpleStringProperty();
    private final StringProperty status = new SimpleStringProperty("ready");
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty speed = new SimpleStringProperty("");
    private final StringProperty detail = new SimpleStringProperty("");

    public StringProperty nameProperty() {
        return name;
    }

    /** CSS colour of the run's curves. */
    public StringProperty colorProperty() {
        return color;
    }

    public StringProperty optimizerProperty() {
        return optimizer;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public StringProperty scheduleProperty() {
        return schedule;
    }

    /** ready, training, paused, completed, diverged at step N, stopped, failed. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Fraction of steps taken, 0..1. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** Why the run diverged or failed, with advice, as the trainer said it; empty otherwise. */
    public StringProperty detailProperty() {
        return detail;
    }

    /** Steps per second while training, e.g. "3,200/s". */
    public StringProperty speedProperty() {
        return speed;
    }
}
