package dev.descent.engine.data;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Examples in memory: a feature matrix and, per example, a class (classification) or real targets
 * (regression). Immutable; row-major float storage keeps MNIST-sized sets (60,000 × 784) near 190 MB.
 *
 * <p>For image sets {@link #imageWidth()} × {@link #imageHeight()} = {@link #features()} and each row
 * holds the pixels line by line.
 */
public final class Dataset {
    private final String name;
    private final Task task;
    private final int features;
    private final float[] x;
    private final int[] classes;
    private final int targets;
    private final float[] y;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final int imageWidth;
    private final int imageHeight;

    private Dataset(String name, Task task, int features, float[] x, int[] classes, int targets, float[] y,
                    List<String> featureNames, List<String> classNames, int imageWidth, int imageHeight) {
        this.name = name;
        this.task = task;
        this.features = features;
        this.x = x;
        this.classes = classes;
        this.targets = targets;
        this.y = y;
        this.featureNames = featureNames instanceof PixelNames ? featureNames : List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
    }

    /**
     * A classification set.
     *
     * @param x          row-major features, length = examples × features
     * @param classes    class index of each example, in [0, classNames.size())
     * @param classNames one name per class
     */
    public static Dataset classification(String name, int features, float[] x, int[] classes,
                                         List<String> featureNames, List<String> classNames) {
        check(features, x, classes.length);
        for (int c : classes) {
            if (c < 0 || c >= classNames.size()) {
                throw new IllegalArgumentException("class index " + c + " outside [0, " + classNames.size() + ")");
            }
        }
        return new Dataset(name, Task.CLASSIFICATION, features, x, classes, 0, new float[0], featureNames, classNames, 0, 0);
    }

    /**
     * A regression set.
     *
     * @param y row-major targets, length = examples × targets
     */
    public static Dataset regression(String name, int features, float[] x, int targets, float[] y,
                                     List<String> featureNames) {
        check(features, x, y.length / Math.max(1, targets));
        if (y.length % Math.max(1, targets) != 0) {
            throw new IllegalArgumentException("targets length " + y.length + " is not a multiple of " + targets);
        }
        return new Dataset(name, Task.REGRESSION, features, x, new int[0], targets, y, featureNames, List.of(), 0, 0);
    }

    /**
     * The names {@code p0}, {@code p1}, ... of {@code count} pixels, made when asked for: a list of
     * strings built in advance would take about 50 bytes per pixel (5 GB for a header promising
     * 100 million pixels).
     */
    public static List<String> pixelNames(int count) {
        return new PixelNames(count);
    }

    /** Immutable names p0 … p(n-1). */
    private static final class PixelNames extends AbstractList<String> implements RandomAccess {
        private final int count;

        PixelNames(int count) {
            this.count = count;
        }

        @Override
        public String get(int index) {
            Objects.checkIndex(index, count);
            return "p" + index;
        }

        @Override
        public int size() {
            return count;
        }
    }

    /** The same data marked as width × height grayscale images. */
    public Dataset asImages(int width, int height) {
        if (width * height != features) {
            throw new IllegalArgumentException(width + "×" + height + " images need " + width * height
                    + " features, not " + features);
        }
        return new Dataset(name, task, features, x, classes, targets, y, featureNames, classNames, width, height);
    }

    private static void check(int features, float[] x, int examples) {
        if (features <= 0) {
            throw new IllegalArgumentException("a dataset needs at least one feature");
        }
        if (x.length != (long) features * examples) {
            throw new IllegalArgumentException(x.length + " feature values do not make " + examples
                    + " rows of " + features);
        }
    }

    public String name() {
        return name;
    }

    public Task task() {
        return task;
    }

    /** Values per example. */
    public int features() {
        return features;
    }

    /** Number of examples. */
    public int size() {
        return task == Task.CLASSIFICATION ? classes.length : y.length / Math.max(1, targets);
    }

    /** Number of classes (0 for regression). */
    public int classCount() {
        return classNames.size();
    }

    /** Number of regression targets (0 for classification). */
    public int targetCount() {
        return targets;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Width of each image, or 0 if the examples are not images. */
    public int imageWidth() {
        return imageWidth;
    }

    /** Height of each image, or 0 if the examples are not images. */
    public int imageHeight() {
        return imageHeight;
    }

    /** Whether examples are images. */
    public boolean isImages() {
        return imageWidth > 0;
    }

    /** What the network sees of this data. */
    public DataShape shape() {
        return task == Task.CLASSIFICATION ? DataShape.classification(features, classCount())
                : DataShape.regression(features, targets);
    }

    /** Feature {@code j} of example {@code i}. */
    public float feature(int i, int j) {
        return x[i * features + j];
    }

    /** Class of example {@code i}. */
    public int classOf(int i) {
        return classes[i];
    }

    /** Target {@code k} of example {@code i}. */
    public float target(int i, int k) {
        return y[i * targets + k];
    }

    /** A copy of the row-major features. */
    public float[] featureMatrix() {
        return x.clone();
    }

    /** A copy of the class indices. */
    public int[] classIndices() {
        return classes.clone();
    }

    /** A copy of the row-major targets. */
    public float[] targetMatrix() {
        return y.clone();
    }

    /** The examples at {@code indices}, in that order, under the same names. */
    public Dataset subset(int[] indices) {
        float[] sx = new float[indices.length * features];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(x, indices[r] * features, sx, r * features, features);
        }
        int[] sc = new int[task == Task.CLASSIFICATION ? indices.length : 0];
        float[] sy = new float[task == Task.REGRESSION ? indices.length * targets : 0];
        for (int r = 0; r < indices.length; r++) {
            if (task == Task.CLASSIFICATION) {
                sc[r] = classes[indices[r]];
            } else {
                System.arraycopy(y, indices[r] * targets, sy, r * targets, targets);
            }
        }
        return new Dataset(name, task, features, sx, sc, targets, sy, featureNames, classNames, imageWidth, imageHeight);
    }

    @Override
    public String toString() {
        return name + " (" + size() + " examples, " + shape().describe() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && task == d.task && features == d.features && targets == d.targets
                && Arrays.equals(x, d.x) && Arrays.equals(classes, d.classes) && Arrays.equals(y, d.y)
                && classNames.equals(d.classNames);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Arrays.hashCode(classes);
    }
}
