package dev.descent.ui.inspector;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.NormalizationOverride;
import dev.descent.experiment.RunSpec;
import dev.descent.ui.model.EditTiming;
import dev.descent.ui.model.Edits;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The form of one run: its name, its optimizer with every parameter, its learning-rate schedule with
 * every parameter (warm-up included), and the overrides it applies to the shared network.
 */
final class RunSettings {
    private RunSettings() {
    }

    /** What decides the form's shape: the run and the entries whose parameters are shown. */
    static String key(Experiment e, int index) {
        RunSpec r = e.runs().get(index);
        return "run:" + index + ":" + r.optimizer().term().id() + ":" + r.schedule().term().id() + ":"
                + (r.init() == null ? "-" : r.init().term().id()) + ":"
                + (r.activation() == null ? "-" : r.activation().term().id());
    }

    static void build(Form f, Context c, int index) {
        f.notice("timing", () -> c.timingNote(EditTiming.Kind.HYPERPARAMETER, index));
        f.heading("Run");
        f.text("name", "Name", "Shown in the runs panel, the charts' legends and the metrics file; unique.",
                () -> run(c, index).name(), v -> nameProblem(c.experiment(), index, v.strip()),
                v -> c.edit("Rename run", e -> Edits.renameRun(e, index, v.strip())), null);

        f.heading("Optimizer");
        f.choice("optimizer", "Optimizer", List.of(OptimizerType.values()), null, () -> run(c, index).optimizer(),
                (what, choice) -> replace(c, index, what, r -> r.withOptimizer(choice)));

        f.heading("Learning-rate schedule");
        f.choice("schedule", "Schedule", List.of(Schedule.values()), null, () -> run(c, index).schedule(),
                (what, choice) -> replace(c, index, what, r -> r.withSchedule(choice)));

        f.heading("Overrides for this run");
        f.choice("init", "Initializer", List.of(Initializer.values()), "inherit (each dense node's own)",
                () -> run(c, index).init(), (what, choice) -> replace(c, index, what.replace("initializer",
                        "initializer override"), r -> r.withInit(choice)));
        f.choice("activation", "Activation", List.of(ActivationFunction.values()), "inherit (each node's own)",
                () -> run(c, index).activation(), (what, choice) -> replace(c, index, what.replace("activation",
                        "activation override"), r -> r.withActivation(choice)));
        f.choice("runNormalizer", "Input normalizer", List.of(InputNormalizer.values()), "inherit (the experiment's)",
                () -> run(c, index).normalizer(), (what, choice) -> replace(c, index, "Set normalizer override",
                        r -> r.withNormalizer(choice)));
        f.combo("normalization", "Norm layers", "Replaces every batch-norm and layer-norm node of this run's network,"
                        + " or removes them.", List.of(
                        new Form.Item<>(null, "inherit (the network's own)", null),
                        new Form.Item<>(NormalizationOverride.BATCH_NORM, "all batch norm", null),
                        new Form.Item<>(NormalizationOverride.LAYER_NORM, "all layer norm", null),
                        new Form.Item<>(NormalizationOverride.NONE, "none (removed)", null)),
                () -> run(c, index).normalization(),
                n -> replace(c, index, "Set normalization override", r -> r.withNormalization(n)));

        f.problems("run", () -> {
            String name = run(c, index).name();
            return c.data().problems().stream().filter(p -> p.isOfRun(name)).map(Problem::message).toList();
        });
    }

    static String nameProblem(Experiment e, int index, String name) {
        if (name.isEmpty()) {
            return "name must not be empty";
        }
        for (int i = 0; i < e.runs().size(); i++) {
            if (i != index && e.runs().get(i).name().equals(name)) {
                return "name '" + name + "' is already used by another run";
            }
        }
        return null;
    }

    private static RunSpec run(Context c, int index) {
        return c.experiment().runs().get(index);
    }

    private static void replace(Context c, int index, String what, UnaryOperator<RunSpec> change) {
        c.edit(what, e -> index < e.runs().size() ? Edits.replaceRun(e, index, change.apply(e.runs().get(index))) : e);
    }
}
