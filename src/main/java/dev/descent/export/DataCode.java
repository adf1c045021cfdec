package dev.descent.export;

import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.vocab.Choice;

/** The script's data part: reading the splits, the input normalizer, and the loss on the labels. */
final class DataCode {
    private final RunPlan plan;

    DataCode(RunPlan plan) {
        this.plan = plan;
    }

    private boolean classification() {
        return plan.shape().isClassification();
    }

    /** The function that reads one split. */
    String reader() {
        int features = plan.shape().features();
        String labels = classification()
                ? "labels = torch.tensor(labels, dtype=torch.int64)"
                : "labels = torch.tensor(labels, dtype=torch.float32)";
        String readLabel = classification()
                ? "labels.append(int(row[" + features + "]))"
                : "labels.append([float(v) for v in row[" + features + ":]])";
        String what = classification()
                ? "class indices [N] (int64)"
                : "targets [N, " + plan.shape().targets() + "] (float32)";
        return """
                def read_split(name):
                    \"""One split as tensors: features [N, %d] (float32) and %s.\"""
                    features, labels = [], []
                    with open(HERE / name, newline="") as f:
                        reader = csv.reader(f)
                        next(reader)  # the header
                        for row in reader:
                            features.append(torch.tensor([float(v) for v in row[:%d]], dtype=torch.float32))
                            %s
                    %s
                    return torch.stack(features), labels
                """.formatted(features, what, features, readLabel, labels);
    }

    /** The input normalizer's class, or "" for none. */
    String normalizer() {
        return switch (plan.normalizer()) {
            case NONE -> "";
            case STANDARDIZE -> """
                    class Standardize:
                        \"""Descent's standardize normalizer (ND4J's NormalizerStandardize), fitted on the training
                        split only: x' = (x − μ) / σ per feature, σ the population standard deviation, raised to
                        1e-5 where a feature is constant.
                        \"""

                        def __init__(self, x):
                            self.mean = x.mean(0)
                            self.std = x.var(0, unbiased=False).sqrt().clamp(min=1e-5)

                        def __call__(self, x):
                            return (x - self.mean) / self.std
                    """;
            case MIN_MAX -> """
                    class MinMax:
                        \"""Descent's min_max normalizer (ND4J's NormalizerMinMaxScaler), fitted on the training
                        split only: x' = (x − min) / (max − min) per feature, max − min raised to 1e-5 where a
                        feature is constant.
                        \"""

                        def __init__(self, x):
                            self.low = x.min(0).values
                            self.range = (x.max(0).values - self.low).clamp(min=1e-5)

                        def __call__(self, x):
                            return (x - self.low) / self.range
                    """;
            case PIXEL -> """
                    class Pixel:
                        \"""Descent's pixel normalizer (ND4J's ImagePreProcessingScaler): x' = x / 255.\"""

                        def __init__(self, x):
                            pass

                        def __call__(self, x):
                            return x / 255.0
                    """;
        };
    }

    /** The normalizer's class name, or null for none. */
    String normalizerClass() {
        return switch (plan.normalizer()) {
            case NONE -> null;
            case STANDARDIZE -> "Standardize";
            case MIN_MAX -> "MinMax";
            case PIXEL -> "Pixel";
        };
    }

    /** The loss, as {@code loss_function(z, labels)}. */
    String loss() {
        Choice<LossFunction> loss = plan.loss();
        String said = "Descent: " + Py.text(loss.describe()) + ", averaged over the batch";
        String torch = switch (loss.term()) {
            case MSE -> "nn.MSELoss()";
            case MAE -> "nn.L1Loss()";
            case HUBER -> "nn.HuberLoss(delta=" + Py.number(loss.value("delta")) + ")";
            case BINARY_CROSS_ENTROPY -> "nn.BCEWithLogitsLoss()";
            case CROSS_ENTROPY -> "nn.CrossEntropyLoss()";
        };
        if (loss.term() == LossFunction.CROSS_ENTROPY) {
            return Py.wrap(said + " of −log softmax(z)_y (the loss applies the softmax itself).", 100, "# ")
                    + "loss_function = " + torch + "\n";
        }
        String target;
        if (loss.term() == LossFunction.BINARY_CROSS_ENTROPY) {
            said += ", on the logit z of class 1 (the loss applies the sigmoid itself).";
            target = "labels.to(z.dtype).unsqueeze(1)";
        } else if (classification()) {
            said += " and the outputs, against one-hot class vectors.";
            target = "nn.functional.one_hot(labels, " + plan.shape().classes() + ").to(z.dtype)";
        } else {
            return Py.wrap(said + " and the outputs.", 100, "# ") + "loss_function = " + torch + "\n";
        }
        return Py.wrap(said, 100, "# ") + "_criterion = " + torch + "\n\n\n"
                + "def loss_function(z, labels):\n"
                + "    return _criterion(z, " + target + ")\n";
    }

    /** The expression of a batch's accuracy from {@code z} and {@code labels}, or null for regression. */
    String accuracy() {
        if (!classification()) {
            return null;
        }
        return plan.loss().term() == LossFunction.BINARY_CROSS_ENTROPY
                ? "((z[:, 0] > 0).long() == labels).float().mean().item()"
                : "(z.argmax(1) == labels).float().mean().item()";
    }
}
