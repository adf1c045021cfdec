package dev.descent.engine.data;

/**
 * What the network sees of a dataset: how wide an example is and what it must predict. Enough to infer
 * every shape in the graph and to check that the loss fits the target.
 *
 * @param features values per example (the input width); a 16×16 image has 256
 * @param task     classification or regression
 * @param classes  number of classes K for classification, 0 for regression
 * @param targets  number of real-valued targets for regression, 0 for classification
 */
public record DataShape(int features, Task task, int classes, int targets) {

    /** A classification problem with {@code classes} classes. */
    public static DataShape classification(int features, int classes) {
        return new DataShape(features, Task.CLASSIFICATION, classes, 0);
    }

    /** A regression problem with {@code targets} outputs. */
    public static DataShape regression(int features, int targets) {
        return new DataShape(features, Task.REGRESSION, 0, targets);
    }

    /** Whether the labels are classes. */
    public boolean isClassification() {
        return task == Task.CLASSIFICATION;
    }

    /** In words, e.g. "2 features, 3 classes". */
    public String describe() {
        return features + (features == 1 ? " feature, " : " features, ")
                + (isClassification() ? classes + " classes" : targets + (targets == 1 ? " target" : " targets"));
    }
}
