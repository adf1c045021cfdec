package dev.descent.engine.data;

import dev.descent.engine.vocab.Explained;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Term;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * How input features are rescaled before training, computed by ND4J's data normalizers. Statistics are
 * fitted on the training split only and then applied unchanged to the validation split, as they would be
 * to new data.
 */
public enum InputNormalizer implements Term {

    @Explained(title = "No normalization",
            summary = "Feeds features as they are: features on large scales dominate and push units into saturation.",
            formula = "x′ = x",
            source = "—")
    NONE("none"),

    @Explained(title = "Min-max",
            summary = "Rescales each feature to [0, 1] using the smallest and largest training value.",
            formula = "x′ = (x − min) / (max − min)",
            source = "ND4J NormalizerMinMaxScaler")
    MIN_MAX("min_max"),

    @Explained(title = "Standardize",
            summary = "Centres each feature at 0 with unit standard deviation, so every feature weighs the same.",
            formula = "x′ = (x − μ) / σ",
            source = "ND4J NormalizerStandardize")
    STANDARDIZE("standardize"),

    @Explained(title = "Pixel scaling",
            summary = "Divides 8-bit pixel values by 255, mapping 0…255 to 0…1.",
            formula = "x′ = x / 255",
            source = "ND4J ImagePreProcessingScaler")
    PIXEL("pixel");

    private final String id;

    InputNormalizer(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Explained explained() {
        return Term.explainedOf(this, null);
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    /**
     * Fits this normalizer on {@code trainFeatures} and returns the fitted ND4J normalizer, or
     * {@code null} for {@link #NONE}.
     */
    public DataNormalization fit(INDArray trainFeatures) {
        DataNormalization normalization = switch (this) {
            case NONE -> null;
            case MIN_MAX -> new NormalizerMinMaxScaler(0, 1);
            case STANDARDIZE -> new NormalizerStandardize();
            case PIXEL -> new ImagePreProcessingScaler(0, 1);
        };
        if (normalization != null) {
            normalization.fit(new DataSet(trainFeatures, null));
        }
        return normalization;
    }
}
