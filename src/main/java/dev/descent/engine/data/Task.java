package dev.descent.engine.data;

/** What the network learns to predict. */
public enum Task {
    /** A class label out of K classes. */
    CLASSIFICATION("classification"),
    /** One or more real-valued targets. */
    REGRESSION("regression");

    private final String id;

    Task(String id) {
        this.id = id;
    }

    /** The name in files and on the command line. */
    public String id() {
        return id;
    }
}
