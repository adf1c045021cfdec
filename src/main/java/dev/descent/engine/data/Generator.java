package dev.descent.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Built-in synthetic datasets, each a classic picture of what a network must learn. Every generator
 * takes a sample count, a noise level, a class count where it can vary, and a seed; the same arguments
 * always give the same examples.
 */
public enum Generator {
    SPIRAL("spiral", "Spiral", "Interleaved spiral arms, one per class: needs a deep, non-linear boundary.",
            Task.CLASSIFICATION, 600, 0.1, 2, 2, 8),
    MOONS("moons", "Two moons", "Two interlocking half circles: a curved boundary, easy for a small MLP.",
            Task.CLASSIFICATION, 400, 0.1, 2, 2, 2),
    CIRCLES("circles", "Circles", "A ring around a disc: no straight line separates them.",
            Task.CLASSIFICATION, 400, 0.05, 2, 2, 2),
    XOR("xor", "XOR", "Opposite quadrants share a class: the problem a single layer cannot solve.",
            Task.CLASSIFICATION, 400, 0.05, 2, 2, 2),
    BLOBS("blobs", "Blobs", "Gaussian clusters, one per class: nearly linearly separable.",
            Task.CLASSIFICATION, 600, 0.3, 3, 2, 10),
    CHECKERBOARD("checkerboard", "Checkerboard", "A 4×4 board of alternating squares: many small regions to carve out.",
            Task.CLASSIFICATION, 800, 0.02, 2, 2, 2),
    SINE("sine", "Sine wave", "A noisy sine curve to fit: regression with one input and one output.",
            Task.REGRESSION, 300, 0.1, 0, 0, 0),
    SHAPES("shapes", "Shapes", "16×16 grayscale images of simple shapes, pixels 0–255: shows why raw pixel scales hurt.",
            Task.CLASSIFICATION, 1000, 0.1, 4, 2, 4);

    /** Side of a {@link #SHAPES} image in pixels. */
    public static final int IMAGE_SIDE = 16;
    /** Most examples a generator makes. */
    public static final int MAX_SAMPLES = 1_000_000;

    private final String id;
    private final String title;
    private final String summary;
    private final Task task;
    private final int defaultSamples;
    private final double defaultNoise;
    private final int defaultClasses;
    private final int minClasses;
    private final int maxClasses;

    Generator(String id, String title, String summary, Task task, int defaultSamples, double defaultNoise,
              int defaultClasses, int minClasses, int maxClasses) {
        this.id = id;
        this.title = title;
        this.summary = summary;
        this.task = task;
        this.defaultSamples = defaultSamples;
        this.defaultNoise = defaultNoise;
        this.defaultClasses = defaultClasses;
        this.minClasses = minClasses;
        this.maxClasses = maxClasses;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    public Task task() {
        return task;
    }

    public int defaultSamples() {
        return defaultSamples;
    }

    public double defaultNoise() {
        return defaultNoise;
    }

    /** Default class count (0 for regression). */
    public int defaultClasses() {
        return defaultClasses;
    }

    public int minClasses() {
        return minClasses;
    }

    public int maxClasses() {
        return maxClasses;
    }

    /** Features per example: 2 for the plane sets, 1 for sine, 256 for shapes. */
    public int features() {
        return switch (this) {
            case SINE -> 1;
            case SHAPES -> IMAGE_SIDE * IMAGE_SIDE;
            default -> 2;
        };
    }

    /** The generator called {@code id}, if any. */
    public static java.util.Optional<Generator> byId(String id) {
        for (Generator g : values()) {
            if (g.id.equals(id)) {
                return java.util.Optional.of(g);
            }
        }
        return java.util.Optional.empty();
    }

    /** All generator names, for messages. */
    public static String ids() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Generator::id).toList());
    }

    /** Why these arguments cannot be generated, or {@code null} if they can. */
    public String problemWith(int samples, double noise, int classes) {
        if (samples < 2) {
            return "samples must be at least 2, got " + samples;
        }
        if (samples > MAX_SAMPLES) {
            return String.format(Locale.ROOT, "samples must be at most %,d, got %,d", MAX_SAMPLES, samples);
        }
        if (!(noise >= 0 && noise <= 10)) {
            return "noise must be in [0, 10], got " + noise;
        }
        if (task == Task.REGRESSION) {
            return classes == 0 ? null : id + " is a regression set and takes no classes";
        }
        if (classes < minClasses || classes > maxClasses) {
            return minClasses == maxClasses
                    ? id + " makes exactly " + minClasses + " classes, got " + classes
                    : id + " makes " + minClasses + " to " + maxClasses + " classes, got " + classes;
        }
        return null;
    }

    /**
     * Makes the dataset.
     *
     * @param classes number of classes; ignored (must be 0) for regression
     * @throws DataException if the arguments are out of range (see {@link #problemWith})
     */
    public Dataset generate(int samples, double noise, int classes, long seed) throws DataException {
        String problem = problemWith(samples, noise, classes);
        if (problem == null) {
            problem = DataBudget.problem(String.format(Locale.ROOT, "%,d examples of %,d %s", samples, features(),
                    features() == 1 ? "feature" : "features"), DataBudget.heapBytes(samples, features(), 1, 0, 0));
        }
        if (problem != null) {
            throw new DataException(problem);
        }
        SplittableRandom random = new SplittableRandom(seed);
        if (this == SINE) {
            return sine(samples, noise, random);
        }
        if (this == SHAPES) {
            return Shapes.generate(samples, noise, classes, random);
        }
        float[] x = new float[samples * 2];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            int k = i % classes;
            double[] p = point(k, classes, noise, random);
            x[2 * i] = (float) p[0];
            x[2 * i + 1] = (float) p[1];
            labels[i] = p.length > 2 ? (int) p[2] : k;
        }
        return Dataset.classification(id, 2, x, labels, List.of("x1", "x2"), classNames(classes));
    }

    /** One point of class {@code k} (or, for label-by-position sets, a point and its class as a third value). */
    private double[] point(int k, int classes, double noise, SplittableRandom r) {
        switch (this) {
            case SPIRAL -> {
                double t = r.nextDouble();
                double radius = 0.05 + 0.95 * t;
                double angle = 2 * Math.PI * k / classes + 4.0 * t + noise * gaussian(r);
                return new double[]{radius * Math.sin(angle), radius * Math.cos(angle)};
            }
            case MOONS -> {
                double t = Math.PI * r.nextDouble();
                double[] p = k == 0 ? new double[]{Math.cos(t), Math.sin(t)}
                        : new double[]{1 - Math.cos(t), 0.5 - Math.sin(t)};
                // centre the pair on the origin so the plot is symmetric
                return new double[]{p[0] - 0.5 + noise * gaussian(r), p[1] - 0.25 + noise * gaussian(r)};
            }
            case CIRCLES -> {
                double t = 2 * Math.PI * r.nextDouble();
                double radius = k == 0 ? 1.0 : 0.5;
                return new double[]{radius * Math.cos(t) + noise * gaussian(r), radius * Math.sin(t) + noise * gaussian(r)};
            }
            case XOR -> {
                double a = 2 * r.nextDouble() - 1;
                double b = 2 * r.nextDouble() - 1;
                int label = a * b > 0 ? 0 : 1;
                return new double[]{a + noise * gaussian(r), b + noise * gaussian(r), label};
            }
            case BLOBS -> {
                double angle = 2 * Math.PI * k / classes;
                return new double[]{Math.cos(angle) + noise * gaussian(r), Math.sin(angle) + noise * gaussian(r)};
            }
            case CHECKERBOARD -> {
                double a = 2 * r.nextDouble() - 1;
                double b = 2 * r.nextDouble() - 1;
                int label = (int) (Math.floor((a + 1) * 2) + Math.floor((b + 1) * 2)) % 2;
                return new double[]{a + noise * gaussian(r), b + noise * gaussian(r), label};
            }
            default -> throw new AssertionError(this);
        }
    }

    private static Dataset sine(int samples, double noise, SplittableRandom r) {
        float[] x = new float[samples];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            double v = -Math.PI + 2 * Math.PI * r.nextDouble();
            x[i] = (float) v;
            y[i] = (float) (Math.sin(v) + noise * gaussian(r));
        }
        return Dataset.regression("sine", 1, x, 1, y, List.of("x"));
    }

    private static List<String> classNames(int classes) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class " + k);
        }
        return names;
    }

    /** A standard normal draw (Box–Muller), so results do not depend on the JDK's Random internals. */
    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
