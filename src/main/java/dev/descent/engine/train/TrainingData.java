package dev.descent.engine.train;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.LossFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A split turned into tensors for one input normalizer: features normalized with statistics fitted on
 * the training split only, labels encoded for the loss (one-hot for K-output losses, 0/1 for binary
 * cross-entropy, targets for regression). Read-only once built, so runs on several threads share it.
 */
final class TrainingData {
    final INDArray trainFeatures;
    final INDArray trainLabels;
    final INDArray validationFeatures;
    final INDArray validationLabels;
    final int[] validationClasses;
    final int trainSize;
    final int validationSize;
    /** The normalizer fitted on the training split, or null for none: applied to new inputs too. */
    final DataNormalization normalization;

    private TrainingData(INDArray trainFeatures, INDArray trainLabels, INDArray validationFeatures,
                         INDArray validationLabels, int[] validationClasses, DataNormalization normalization) {
        this.normalization = normalization;
        this.trainFeatures = trainFeatures;
        this.trainLabels = trainLabels;
        this.validationFeatures = validationFeatures;
        this.validationLabels = validationLabels;
        this.validationClasses = validationClasses;
        this.trainSize = (int) trainFeatures.rows();
        this.validationSize = validationFeatures == null ? 0 : (int) validationFeatures.rows();
    }

    static TrainingData prepare(Dataset train, Dataset validation, InputNormalizer normalizer, LossFunction loss,
                                DataType dataType) {
        INDArray trainX = features(train, dataType);
        INDArray validationX = validation.size() == 0 ? null : features(validation, dataType);
        DataNormalization fitted = normalizer.fit(trainX);
        if (fitted != null) {
            fitted.transform(trainX);
            if (validationX != null) {
                fitted.transform(validationX);
            }
        }
        return new TrainingData(trainX, labels(train, loss, dataType), validationX,
                validation.size() == 0 ? null : labels(validation, loss, dataType),
                validation.task() == dev.descent.engine.data.Task.CLASSIFICATION ? validation.classIndices() : null,
                fitted);
    }

    private static INDArray features(Dataset data, DataType dataType) {
        return Nd4j.createFromArray(data.featureMatrix()).reshape('c', data.size(), data.features()).castTo(dataType);
    }

    /** Labels as the loss node expects them. */
    static INDArray labels(Dataset data, LossFunction loss, DataType dataType) {
        int n = data.size();
        if (!data.shape().isClassification()) {
            return Nd4j.createFromArray(data.targetMatrix()).reshape('c', n, data.targetCount()).castTo(dataType);
        }
        if (loss == LossFunction.BINARY_CROSS_ENTROPY) {
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = data.classOf(i);
            }
            return Nd4j.createFromArray(y).reshape('c', n, 1).castTo(dataType);
        }
        int k = data.classCount();
        float[] oneHot = new float[n * k];
        for (int i = 0; i < n; i++) {
            oneHot[i * k + data.classOf(i)] = 1;
        }
        return Nd4j.createFromArray(oneHot).reshape('c', n, k).castTo(dataType);
    }
}
