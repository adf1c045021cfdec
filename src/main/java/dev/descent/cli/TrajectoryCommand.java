package dev.descent.cli;

import dev.descent.engine.landscape.TestFunction;
import dev.descent.engine.landscape.Trajectory;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Shown;
import dev.descent.engine.vocab.Terms;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent trajectory}: one optimizer's path on a 2-D test function, as CSV. */
@Command(name = "trajectory",
        mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Runs one optimizer on a 2-D test function and writes step,x,y,loss (step 0 is the start).")
final class TrajectoryCommand implements Callable<Integer> {

    @Option(names = "--function", required = true, paramLabel = "F",
            description = "quadratic, rosenbrock, beale, himmelblau, saddle or rastrigin.")
    String function;

    @Option(names = "--optimizer", required = true, paramLabel = "O",
            description = "sgd, momentum, nesterov, rmsprop, adagrad, adadelta, adam, adamw, adamax, nadam or amsgrad.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (learningRate).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "X", description = "Momentum μ (momentum, nesterov).")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "X", description = "β₁ (Adam family).")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "X", description = "β₂ (Adam family).")
    Double beta2;

    @Option(names = "--eps", paramLabel = "X", description = "ε.")
    Double eps;

    @Option(names = "--rho", paramLabel = "X", description = "ρ, decay of the squared-gradient average (rmsprop, adadelta).")
    Double rho;

    @Option(names = "--weight-decay", paramLabel = "X", description = "Weight decay λ.")
    Double weightDecay;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "constant",
            description = "Learning-rate schedule with its default settings (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "Updates to run (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--start", paramLabel = "X,Y", description = "Start point (default: the function's classic start).")
    String start;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the CSV (default: standard output).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        TestFunction f = TestFunction.byId(function).orElseThrow(() -> new BadInputException("--function",
                "unknown function " + Shown.quoted(function) + "; valid functions are " + TestFunction.ids()));
        OptimizerType type = Terms.byId(OptimizerType.class, optimizer).orElseThrow(() -> new BadInputException(
                "--optimizer", "unknown optimizer " + Shown.quoted(optimizer) + "; valid optimizers are " + Terms.ids(OptimizerType.class)));
        Schedule sched = Terms.byId(Schedule.class, schedule).orElseThrow(() -> new BadInputException("--schedule",
                "unknown schedule " + Shown.quoted(schedule) + "; valid schedules are " + Terms.ids(Schedule.class)));
        if (steps < 0 || steps > 10_000_000) {
            throw new BadInputException("--steps", "must be in [0, 10000000], got " + steps);
        }
        Choice<OptimizerType> choice = Choice.of(type);
        Map<String, Double> flags = new LinkedHashMap<>();
        flags.put("learningRate", lr);
        flags.put("momentum", momentum);
        flags.put("beta1", beta1);
        flags.put("beta2", beta2);
        flags.put("eps", eps);
        flags.put("rho", rho);
        flags.put("weightDecay", weightDecay);
        for (Map.Entry<String, Double> flag : flags.entrySet()) {
            if (flag.getValue() == null) {
                continue;
            }
            String option = "--" + (flag.getKey().equals("learningRate") ? "lr"
                    : flag.getKey().equals("weightDecay") ? "weight-decay" : flag.getKey());
            Param param = type.param(flag.getKey()).orElseThrow(() -> new BadInputException(option,
                    type.id() + " has no " + flag.getKey() + "; its settings are "
                            + String.join(", ", type.params().stream().map(Param::key).toList())));
            String problem = param.problemWith(flag.getValue());
            if (problem != null) {
                throw new BadInputException(option, problem);
            }
            choice = choice.with(flag.getKey(), flag.getValue());
        }
        double[] from = start == null ? f.start() : parseStart(start);
        Trajectory.Result result = Trajectory.run(f, choice, Choice.of(sched), steps, from);
        StringWriter text = new StringWriter();
        PrintWriter csv = new PrintWriter(text);
        csv.println("step,x,y,loss");
        for (Trajectory.Point p : result.points()) {
            csv.println(p.step() + "," + p.x() + "," + p.y() + "," + p.loss());
        }
        csv.flush();
        if (out == null) {
            spec.commandLine().getOut().print(text);
        } else {
            try {
                Files.writeString(out, text.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException(out.toString(), "cannot write: " + dev.descent.engine.data.DataException.reasonOf(e));
            }
        }
        if (result.diverged()) {
            spec.commandLine().getErr().println("note: " + type.id() + " diverged after step "
                    + (result.points().size() - 1) + " (the next point was not finite); try a smaller --lr");
        }
        return 0;
    }

    private static double[] parseStart(String text) throws BadInputException {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new BadInputException("--start", "expected X,Y such as -1.5,2, got " + Shown.quoted(text));
        }
        try {
            double x = Double.parseDouble(parts[0].trim());
            double y = Double.parseDouble(parts[1].trim());
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new NumberFormatException();
            }
            return new double[]{x, y};
        } catch (NumberFormatException e) {
            throw new BadInputException("--start", "expected two finite numbers X,Y such as -1.5,2, got " + Shown.quoted(text));
        }
    }
}
