package dev.descent.experiment;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.data.Split;
import dev.descent.engine.graph.GraphValidator;
import dev.descent.engine.graph.MemoryEstimate;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Problem.Section;
import dev.descent.engine.graph.Validation;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.TrainingConfig;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * An experiment with its data loaded and split and every run's network checked: ready to train.
 * {@link #prepare} collects every problem of the experiment (data and every run's network) and refuses
 * with all of them at once.
 */
public final class PreparedExperiment {
    private final Experiment experiment;
    private final Dataset data;
    private final Split split;
    private final List<RunConfig> runs;

    private PreparedExperiment(Experiment experiment, Dataset data, Split split, List<RunConfig> runs) {
        this.experiment = experiment;
        this.data = data;
        this.split = split;
        this.runs = List.copyOf(runs);
    }

    /**
     * Loads the data, applies every run's overrides and validates every network.
     *
     * @throws ExperimentException listing every problem
     */
    public static PreparedExperiment prepare(Experiment experiment) throws ExperimentException {
        return prepare(experiment, load(experiment));
    }

    /**
     * Every problem that stops {@code experiment} from training: its data loaded and checked, or, when
     * the data cannot be loaded, that problem and every problem of the networks that needs no data.
     */
    public static List<Problem> problems(Experiment experiment) {
        try {
            return problems(experiment, load(experiment));
        } catch (ExperimentException e) {
            return e.problems();
        }
    }

    /** The data, or an exception with why not and the networks' own problems (which need no data). */
    private static Dataset load(Experiment experiment) throws ExperimentException {
        try {
            return ExperimentData.load(experiment);
        } catch (ExperimentException e) {
            List<Problem> all = new ArrayList<>(e.problems());
            all.addAll(problemsWithoutData(experiment));
            throw new ExperimentException(all);
        }
    }

    /**
     * The problems of the shared network and of each run's network that need no data (connections,
     * cycles, settings), for when the data cannot be read; shapes and memory wait for the data.
     */
    public static List<Problem> problemsWithoutData(Experiment experiment) {
        Set<Problem> problems = new LinkedHashSet<>();
        List<Problem> shared = GraphValidator.validateStructure(experiment.network()).problems();
        problems.addAll(shared);
        for (RunSpec run : experiment.runs()) {
            NetworkSpec own = Overrides.apply(experiment.network(), run);
            if (!own.equals(experiment.network())) {
                GraphValidator.validateStructure(own).problems().stream().filter(p -> !shared.contains(p))
                        .forEach(p -> problems.add(p.inRun(run.name())));
            }
            if (run.init() != null) {
                run.init().problems().forEach(p -> problems.add(Problem.of(Section.RUNS, "init", p).inRun(run.name())));
            }
        }
        return new ArrayList<>(problems);
    }

    /** As {@link #prepare(Experiment)}, with data already loaded for this experiment. */
    public static PreparedExperiment prepare(Experiment experiment, Dataset data) throws ExperimentException {
        List<Problem> problems = problems(experiment, data);
        if (!problems.isEmpty()) {
            throw new ExperimentException(problems);
        }
        Split split = Split.of(data, experiment.dataset().validation(), experiment.seed());
        return new PreparedExperiment(experiment, data, split, members(experiment));
    }

    /**
     * What checking an experiment against its data found, in one pass.
     *
     * @param network  the shared network checked against the data (widths, order, its own problems)
     * @param problems every problem that stops the experiment from training: the shared network's once,
     *                 then those only a run's overrides cause, marked with the run's name
     */
    public record Check(Validation network, List<Problem> problems) {
        public Check {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Every problem that stops {@code experiment} from training on {@code data}: problems of the shared
     * network once, and problems that only a run's overrides cause, marked with the run's name.
     */
    public static List<Problem> problems(Experiment experiment, Dataset data) {
        return check(experiment, data).problems();
    }

    /**
     * As {@link #problems(Experiment, Dataset)}, with {@code memoryLimit} bytes for all runs together
     * and the data: a comparison too large for it is refused before anything is allocated.
     */
    public static List<Problem> problems(Experiment experiment, Dataset data, long memoryLimit) {
        return check(experiment, data, memoryLimit, MemoryEstimate.heapBytes()).problems();
    }

    /** As {@link #problems(Experiment, Dataset, long)}, in a Java heap of {@code heapBytes}. */
    public static List<Problem> problems(Experiment experiment, Dataset data, long memoryLimit, long heapBytes) {
        return check(experiment, data, memoryLimit, heapBytes).problems();
    }

    /** Checks {@code experiment} against {@code data} within this process's memory. */
    public static Check check(Experiment experiment, Dataset data) {
        return check(experiment, data, MemoryEstimate.limitBytes(), MemoryEstimate.heapBytes());
    }

    /** As {@link #check(Experiment, Dataset)}, within {@code memoryLimit} bytes of ND4J memory and {@code heapBytes} of heap. */
    public static Check check(Experiment experiment, Dataset data, long memoryLimit, long heapBytes) {
        Set<Problem> problems = new LinkedHashSet<>();
        int batch = experiment.training().batchSize();
        int trainSize = data.size() - Split.validationCount(data.size(), experiment.dataset().validation());
        Validation sharedNetwork = validate(experiment.network(), data, batch, memoryLimit);
        List<Problem> shared = new ArrayList<>(sharedNetwork.problems());
        shared.addAll(LockstepComparison.batchNormProblems(experiment.network(), batch, trainSize));
        problems.addAll(shared);
        if (experiment.runs().isEmpty()) {
            problems.add(Problem.of(Section.RUNS, "runs", "there are no runs; add at least one"));
        }
        Set<String> names = new java.util.HashSet<>();
        List<Validation> networks = new ArrayList<>();
        for (RunSpec run : experiment.runs()) {
            if (!names.add(run.name())) {
                problems.add(Problem.of(Section.RUNS, "", "the name is used by another run; run names must be unique")
                        .inRun(run.name()));
            }
            NetworkSpec own = Overrides.apply(experiment.network(), run);
            Validation network = own.equals(experiment.network()) ? sharedNetwork : validate(own, data, batch, memoryLimit);
            networks.add(network);
            List<Problem> found = new ArrayList<>(network.problems());
            found.addAll(LockstepComparison.batchNormProblems(own, batch, trainSize));
            for (Problem p : found) {
                if (!shared.contains(p)) {
                    problems.add(p.inRun(run.name()));
                }
            }
            if (run.init() != null) {
                run.init().problems().forEach(p -> problems.add(Problem.of(Section.RUNS, "init", p).inRun(run.name())));
            }
        }
        if (data.size() < 2) {
            problems.add(Problem.of(Section.DATASET, "dataset", "needs at least 2 examples, has " + data.size()));
        } else {
            String tooMany = TrainingConfig.stepsProblem(experiment.training().epochs(), batch, trainSize);
            if (tooMany != null) {
                problems.add(Problem.of(Section.TRAINING, "training", tooMany));
            }
        }
        if (problems.isEmpty()) {
            int validationSize = Split.validationCount(data.size(), experiment.dataset().validation());
            List<RunConfig> members = members(experiment);
            List<Validation> memberNetworks = new ArrayList<>();
            int largestBatch = batch;
            for (int i = 0; i < experiment.runs().size(); i++) {
                for (SweepPoints.Point point : SweepPoints.of(experiment.runs().get(i))) {
                    largestBatch = Math.max(largestBatch, point.batchSize());
                    for (int k = 0; k < experiment.training().seeds(); k++) {
                        memberNetworks.add(networks.get(i));
                    }
                }
            }
            String tooLarge = LockstepComparison.memoryProblem(members, memberNetworks, data.shape(),
                    data.size(), validationSize, largestBatch, Float.BYTES, memoryLimit, heapBytes);
            if (tooLarge != null) {
                problems.add(Problem.of(Section.RUNS, "runs", tooLarge));
            }
        }
        return new Check(sharedNetwork, new ArrayList<>(problems));
    }

    private static Validation validate(NetworkSpec network, Dataset data, int batch, long memoryLimit) {
        return GraphValidator.validate(network, data.shape(), batch, Float.BYTES, memoryLimit);
    }

    /** The engine's view of each run: overrides applied, normalizer resolved. */
    public static List<RunConfig> runConfigs(Experiment experiment) {
        List<RunConfig> configs = new ArrayList<>();
        for (RunSpec run : experiment.runs()) {
            Choice<InputNormalizer> normalizer = run.normalizer() != null ? run.normalizer() : experiment.normalizer();
            configs.add(new RunConfig(run.name(), Overrides.apply(experiment.network(), run), run.optimizer(),
                    run.schedule(), normalizer));
        }
        return configs;
    }

    /**
     * Every member the experiment trains, in the stable member order: run by run as the file lists them,
     * then sweep point by sweep point (the first axis slowest), then seed by seed. Member k of a point
     * trains from seed {@code seed + k}; a point with one seed is named as the point, otherwise its members
     * are named {@code <point> #k}.
     */
    public static List<RunConfig> members(Experiment experiment) {
        List<RunConfig> members = new ArrayList<>();
        int seeds = experiment.training().seeds();
        for (RunSpec run : experiment.runs()) {
            Choice<InputNormalizer> normalizer = run.normalizer() != null ? run.normalizer() : experiment.normalizer();
            var network = Overrides.apply(experiment.network(), run);
            for (SweepPoints.Point point : SweepPoints.of(run)) {
                for (int k = 0; k < seeds; k++) {
                    String name = seeds == 1 ? point.name() : point.name() + " #" + k;
                    members.add(new RunConfig(name, network, point.run().optimizer(), point.run().schedule(),
                            normalizer, point.name(), k, point.batchSize(), run.sweep() != null));
                }
            }
        }
        return members;
    }

    /** The shared training settings; {@code maxSteps > 0} overrides the epoch count. */
    public TrainingConfig training(int maxSteps) {
        TrainingSpec t = experiment.training();
        return new TrainingConfig(experiment.seed(), t.epochs(), t.batchSize(), t.evaluateEvery(), maxSteps,
                DataType.FLOAT);
    }

    /** A comparison ready to start. */
    public LockstepComparison comparison(int maxSteps) throws ExperimentException {
        return comparison(maxSteps, runs);
    }

    /** A comparison of some of the {@link #runs()} only (a shard), ready to start. */
    public LockstepComparison comparison(int maxSteps, List<RunConfig> members) throws ExperimentException {
        try {
            return LockstepComparison.create(training(maxSteps), split.train(), split.validation(), members);
        } catch (LockstepComparison.InvalidComparisonException e) {
            throw new ExperimentException(e.problems());
        }
    }

    public Experiment experiment() {
        return experiment;
    }

    /** All examples. */
    public Dataset data() {
        return data;
    }

    /** The training and validation examples. */
    public Split split() {
        return split;
    }

    /** Every member that trains, in the stable member order ({@link #members(Experiment)}). */
    public List<RunConfig> runs() {
        return runs;
    }
}
