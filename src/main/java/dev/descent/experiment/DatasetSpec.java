package dev.descent.experiment;

import dev.descent.engine.data.Generator;
import dev.descent.engine.data.Task;

/** Where an experiment's examples come from, and how many are held out for validation. */
public sealed interface DatasetSpec {

    /** Fraction of examples held out for validation, in [0, 1). */
    double validation();

    /**
     * Examples made by a built-in generator; its seed is the experiment's.
     *
     * @param samples number of examples
     * @param noise   the generator's noise level
     * @param classes number of classes, where the generator lets it be chosen
     */
    record Generated(Generator generator, int samples, double noise, int classes, double validation)
            implements DatasetSpec {
    }

    /**
     * A CSV file with a header row.
     *
     * @param path   as written in the file: relative paths are relative to the experiment file
     * @param target the column to predict
     * @param task   classification (the target holds labels) or regression (it holds numbers)
     */
    record Csv(String path, String target, Task task, double validation) implements DatasetSpec {
    }

    /**
     * IDX files in the MNIST format, gzip-compressed or plain.
     *
     * @param images path of the images file (as written, relative to the experiment file)
     * @param labels path of the labels file
     */
    record Idx(String images, String labels, double validation) implements DatasetSpec {
    }
}
