package dev.descent.experiment;

import java.util.Arrays;
import java.util.Optional;

/** A run's replacement for every batch-norm and layer-norm node of the shared network. */
public enum NormalizationOverride {
    /** Every normalization node becomes batch norm. */
    BATCH_NORM("batch_norm"),
    /** Every normalization node becomes layer norm. */
    LAYER_NORM("layer_norm"),
    /** Normalization nodes are removed (their input connects straight to their output). */
    NONE("none");

    private final String id;

    NormalizationOverride(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<NormalizationOverride> byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }
}
