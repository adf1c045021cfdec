package dev.descent.export;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code train.py} for one run: a self-contained PyTorch script that trains the run as Descent
 * does and writes {@code step,train_loss}. It depends only on the {@link RunPlan}, so the same run always
 * gives the same script.
 */
final class TrainScript {
    /** The files beside the script. */
    static final String TRAIN_CSV = "train.csv";
    static final String VALIDATION_CSV = "validation.csv";
    static final String WEIGHTS_JSON = "initial_weights.json";
    static final String MASKS_DIRECTORY = "dropout_masks";

    private final RunPlan plan;
    private final NetworkCode network;
    private final DataCode data;
    private final OptimizerCode optimizer;
    private final ScheduleCode schedule;

    TrainScript(RunPlan plan) {
        this.plan = plan;
        this.network = new NetworkCode(plan);
        this.data = new DataCode(plan);
        this.optimizer = new OptimizerCode(plan.optimizer());
        this.schedule = new ScheduleCode(plan.schedule(), plan.optimizer().value("learningRate"));
    }

    /** The network part, which also names the mask files. */
    NetworkCode network() {
        return network;
    }

    private boolean validation() {
        return plan.validationSize() > 0;
    }

    /** Whether the loop evaluates at all: to report validation loss, or to feed reduce-on-plateau. */
    private boolean evaluates() {
        return validation() || schedule.plateau();
    }

    /** The whole script. */
    String render() {
        List<String> sections = new ArrayList<>();
        sections.add(header() + "\n" + imports());
        sections.add(settings());
        sections.add(banner("Data") + data.reader());
        if (data.normalizerClass() != null) {
            sections.add(banner("Input normalizer") + data.normalizer());
        }
        sections.add(banner("Batch order") + BATCH_ORDER);
        sections.add(banner("The network") + network.customModules() + network.moduleClass());
        sections.add(banner("Initial weights") + network.initialWeights());
        sections.add(banner("Loss") + data.loss());
        sections.add(banner("Optimizer") + optimizer.customClass() + optimizer.factory());
        if (!schedule.constant()) {
            sections.add(banner("Learning-rate schedule") + schedule.helpers() + schedule.factory());
        }
        if (validation()) {
            sections.add(banner("Evaluation") + evaluate());
        }
        sections.add(banner("Training") + main());
        return String.join("\n\n\n", sections.stream().map(String::stripTrailing).toList()) + "\n";
    }

    private static String banner(String title) {
        String line = "# --- " + title + " ";
        return line + "-".repeat(Math.max(3, 100 - line.length())) + "\n\n";
    }

    private String header() {
        StringBuilder b = new StringBuilder();
        b.append("#!/usr/bin/env python3\n");
        b.append("\"\"\"Descent's run \"").append(Py.text(plan.runName())).append("\" as a PyTorch script.\n\n");
        String what = plan.freshInit()
                ? "Exported by Descent from the experiment \"" + Py.text(plan.experimentName()) + "\" with --fresh-init:"
                        + " the weights come from PyTorch's own initializers (the ones"
                        + " the dense nodes name) and dropout from nn.Dropout, so this is idiomatic PyTorch rather than a"
                        + " replica. The data, input normalizer, network, loss, optimizer, learning-rate schedule and"
                        + " batch order are still Descent's."
                : "Exported by Descent from the experiment \"" + Py.text(plan.experimentName()) + "\". The network, its"
                        + " initial weights, the input normalizer, the loss, the"
                        + " optimizer, the learning-rate schedule" + (network.replaysDropout()
                        ? ", the batch order and the dropout masks" : " and the batch order")
                        + " are Descent's, so the training loss follows Descent's metrics.csv step by step (float32,"
                        + " on the CPU).";
        b.append(Py.wrap(what, Call.WIDTH, ""));
        b.append("\n    python3 train.py [--steps N] [--out FILE.csv]\n\n");
        int epochs = plan.training().epochs();
        b.append(Py.wrap("trains and writes step,train_loss to FILE.csv (default train_loss.csv): one row per step,"
                + " numbered as in metrics.csv, where step 1 is the loss of the first batch, before the first update."
                + " Without --steps it trains as long as Descent does: " + epochs + (epochs == 1 ? " epoch" : " epochs")
                + " of " + plan.stepsPerEpoch() + (plan.stepsPerEpoch() == 1 ? " step" : " steps") + " ("
                + plan.totalSteps() + " steps). With --steps N it trains N steps, and a schedule whose length is the"
                + " whole run stretches to N steps, as with `descent run --steps N`.", Call.WIDTH, ""));
        b.append("\nBeside this script:\n");
        b.append(fileLine(TRAIN_CSV, "the training split (" + plan.trainSize() + " examples) in Descent's order: "
                + columns()));
        if (validation()) {
            b.append(fileLine(VALIDATION_CSV, "the validation split (" + plan.validationSize() + " examples)"));
        }
        if (!plan.freshInit()) {
            b.append(fileLine(WEIGHTS_JSON, "Descent's initial weights, by PyTorch parameter name"));
        }
        if (network.replaysDropout()) {
            b.append(fileLine(MASKS_DIRECTORY + "/", "the masks Descent's dropout drew in its first "
                    + plan.maskSteps() + " steps, one line per step"));
        }
        b.append("\"\"\"\n");
        return b.toString();
    }

    private static String fileLine(String file, String what) {
        String indent = " ".repeat(26);
        String wrapped = Py.wrap(what, Call.WIDTH, indent);
        String first = "    " + file + " ".repeat(Math.max(1, 22 - file.length()));
        return first + wrapped.substring(indent.length());
    }

    private String columns() {
        int features = plan.shape().features();
        String what = features + (features == 1 ? " feature" : " features") + ", then ";
        if (!plan.shape().isClassification()) {
            int targets = plan.shape().targets();
            return what + targets + (targets == 1 ? " target" : " targets");
        }
        List<String> names = plan.classNames();
        String classes = names.size() <= 10 ? " (" + Py.text(String.join(", ", names)) + ")" : "";
        return what + "the label: the class index 0–" + (names.size() - 1) + classes;
    }

    private String settings() {
        return """
                SEED = %d  # %s
                EPOCHS = %d
                BATCH_SIZE = %d
                EVALUATE_EVERY = %d  # steps between validation measurements; there is one at every epoch end too

                HERE = Path(__file__).resolve().parent
                """.formatted(plan.seed(), plan.member() == 0
                        ? "chose the split, the initial weights, the batch order and the dropout masks in Descent"
                        : "member " + plan.member() + " of its run: the experiment's seed + " + plan.member()
                        + " chose the initial weights, the batch order and the dropout masks in Descent (the split"
                        + " in the CSVs is the experiment's seed's, the same for every member)",
                plan.training().epochs(), plan.training().batchSize(),
                plan.training().evaluateEvery());
    }

    private String evaluate() {
        String accuracy = data.accuracy();
        return """
                def evaluate(model, x, labels):
                    \"""Loss and accuracy on the validation split, as Descent measures them: the whole split in one
                    batch, batch norm with its running statistics, no dropout.
                    \"""
                    model.eval()
                    with torch.no_grad():
                        z = model(x)
                        loss = loss_function(z, labels).item()
                        accuracy = %s
                    return loss, accuracy
                """.formatted(accuracy == null ? "None  # a regression has no accuracy" : accuracy);
    }

    private String main() {
        StringBuilder b = new StringBuilder();
        b.append("""
                def main():
                    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
                    parser.add_argument("--steps", type=int, metavar="N",
                                        help=f"train exactly N steps (default: {EPOCHS} epochs, as Descent)")
                    parser.add_argument("--out", default="train_loss.csv", metavar="FILE.csv",
                                        help="where to write step,train_loss (default: train_loss.csv)")
                    args = parser.parse_args()
                    if args.steps is not None and args.steps < 1:
                        parser.error("--steps must be at least 1")

                    torch.manual_seed(SEED)
                    train_x, train_labels = read_split("train.csv")
                """);
        if (validation()) {
            b.append("    validation_x, validation_labels = read_split(\"validation.csv\")\n");
        }
        if (data.normalizerClass() != null) {
            b.append("    normalize = ").append(data.normalizerClass()).append("(train_x)  # fitted on the training split only\n");
            b.append("    train_x = normalize(train_x)\n");
            if (validation()) {
                b.append("    validation_x = normalize(validation_x)\n");
            }
        }
        b.append("\n    model = Network()\n");
        b.append(plan.freshInit() ? "    initialize(model)\n" : "    load_initial_weights(model)\n");
        b.append("    optimizer = make_optimizer(model.parameters())\n");
        b.append("    batches = epoch_batches(len(train_x))\n");
        b.append("    steps = args.steps or EPOCHS * len(batches)\n");
        if (!schedule.constant()) {
            b.append("    schedule = make_schedule(optimizer, steps)\n");
        }
        boolean meanLoss = schedule.plateau() && !validation();
        if (meanLoss) {
            b.append("    loss_sum, loss_count = 0.0, 0  # without a validation split, Descent's plateau watches the mean\n");
            b.append("                                   # training loss since the last evaluation\n");
        }
        b.append("""

                    with open(args.out, "w", newline="") as out:
                        out.write("step,train_loss\\n")
                        for step in range(1, steps + 1):
                            epoch, batch = divmod(step - 1, len(batches))
                            if batch == 0:
                                order = epoch_order(epoch, len(train_x))
                            rows = order[batches[batch]]

                            model.train()
                            loss = loss_function(model(train_x[rows]), train_labels[rows])
                            value = loss.item()
                            # Descent ends a run at the first loss, gradient or weight that is infinite or NaN
                            if not math.isfinite(value):
                                print(f"diverged: the loss became {value} at step {step}")
                                break
                            optimizer.zero_grad()
                            loss.backward()
                            if not all(p.grad.isfinite().all() for p in model.parameters()):
                                print(f"diverged: the gradient became infinite or NaN at step {step}")
                                break
                """);
        if (optimizer.clipNorm() > 0) {
            b.append("            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=")
                    .append(Py.number(optimizer.clipNorm())).append(")  # Descent: clipNorm\n");
        }
        b.append("""
                            optimizer.step()
                            if not all(p.isfinite().all() for p in model.parameters()):
                                print(f"diverged: a weight became infinite or NaN at step {step}")
                                break
                            out.write(f"{step},{value!r}\\n")
                """);
        if (schedule.stepsEveryUpdate()) {
            b.append("            schedule.step()  # the learning rate of the next step\n");
        }
        if (meanLoss) {
            b.append("            loss_sum, loss_count = loss_sum + value, loss_count + 1\n");
        }
        if (evaluates()) {
            b.append("\n            if step % EVALUATE_EVERY == 0 or batch == len(batches) - 1 or step == steps:\n");
            if (validation()) {
                b.append("                validation_loss, accuracy = evaluate(model, validation_x, validation_labels)\n");
                b.append(data.accuracy() == null
                        ? "                print(f\"step {step}: validation loss {validation_loss:.4g}\")\n"
                        : "                print(f\"step {step}: validation loss {validation_loss:.4g},\"\n"
                                + "                      f\" accuracy {accuracy:.1%}\")\n");
            }
            String observe = schedule.observeCall();
            if (observe != null) {
                b.append(validation() ? "                monitored = validation_loss\n"
                        : "                monitored = loss_sum / loss_count\n                loss_sum, loss_count = 0.0, 0\n");
                b.append("                if math.isfinite(monitored):\n");
                b.append("                    ").append(observe).append("\n");
            }
        }
        b.append("""

                    print(f"wrote {args.out}")


                if __name__ == "__main__":
                    main()
                """);
        return b.toString();
    }

    private String imports() {
        return "import argparse\nimport csv\n" + (plan.freshInit() ? "" : "import json\n") + "import math\n"
                + (network.replaysDropout() ? "import sys\n" : "") + "from pathlib import Path\n\n"
                + "import torch\nfrom torch import nn\n"
                + (schedule.constant() ? "" : "from torch.optim import lr_scheduler\n");
    }

    private static final String BATCH_ORDER = """
            class SplittableRandom:
                \"""java.util.SplittableRandom (SplitMix64), bit for bit: Descent's batch-order generator.\"""

                GAMMA = 0x9E3779B97F4A7C15
                MASK = (1 << 64) - 1

                def __init__(self, seed):
                    self.seed = seed & self.MASK

                def next_int(self):
                    \"""The next 32 random bits (Java's nextInt(), read as unsigned).\"""
                    self.seed = (self.seed + self.GAMMA) & self.MASK
                    z = self.seed
                    z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & self.MASK
                    return (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & self.MASK) >> 32

                def next_below(self, bound):
                    \"""Java's nextInt(bound): uniform in [0, bound), redrawing values that would bias it.\"""
                    r = self.next_int()
                    m = bound - 1
                    if bound & m == 0:
                        return r & m
                    u = r >> 1
                    while u + m - u % bound >= 1 << 31:
                        u = self.next_int() >> 1
                    return u % bound


            def epoch_order(epoch, n):
                \"""Descent's BatchOrder: the training examples of an epoch in a Fisher-Yates shuffle driven by
                SplittableRandom(seed · 0x9E3779B97F4A7C15 + epoch), the same for every run of the experiment.
                \"""
                order = list(range(n))
                random = SplittableRandom(SEED * SplittableRandom.GAMMA + epoch)
                for i in range(n - 1, 0, -1):
                    j = random.next_below(i + 1)
                    order[i], order[j] = order[j], order[i]
                return torch.tensor(order)


            def epoch_batches(n):
                \"""The batches of an epoch, as slices of its order: BATCH_SIZE examples each and the rest in the
                last, except that a single leftover example joins the batch before it.
                \"""
                full, rest = divmod(n, BATCH_SIZE)
                count = full if rest == 1 and full > 0 else full + (rest > 0)
                ends = [(b + 1) * BATCH_SIZE for b in range(count - 1)] + [n]
                return [slice(b * BATCH_SIZE, end) for b, end in enumerate(ends)]
            """;
}
