package dev.descent.bench;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;

import dev.descent.engine.Engine;
import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.StepEvent;
import dev.descent.engine.train.TrainingConfig;
import dev.descent.engine.train.TrainingListener;
import dev.descent.engine.train.WatchedWeight;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What watching one weight ({@link LockstepComparison#watch}) costs a step: the optimizers example's
 * network (2-32-32-2 ReLU, Adam, batch 32) trained for a fixed number of steps on one worker with the
 * watch off and on, in interleaved rounds (A, B, A, B...: a shared machine's speed swings), as CPU
 * seconds of the worker thread per 1,000 steps. Measures only; asserts nothing.
 */
public final class WatchCost {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        Engine.initialize();
        Dataset data = EnsembleBenchmark.data();
        measure(data, false, 500); // warm-up
        measure(data, true, 500);
        for (int r = 0; r < rounds; r++) {
            double off = measure(data, false, steps);
            double on = measure(data, true, steps);
            System.out.printf(Locale.ROOT, "round %d: CPU ms per 1000 steps, nothing watched %.1f, one weight watched %.1f (%+.1f%%)%n",
                    r + 1, off, on, 100 * (on - off) / off);
        }
        System.exit(0);
    }

    /** CPU milliseconds of the worker per 1,000 steps. */
    static double measure(Dataset data, boolean watch, int steps) throws Exception {
        NetworkSpec spec = chain(input("in"), dense("h1", 32), activation("a1", "relu"), dense("h2", 32),
                activation("a2", "relu"), dense("out", 2), loss("loss", "cross_entropy"));
        RunConfig run = new RunConfig("bench", spec, Choice.of(OptimizerType.ADAM).with("learningRate", 0.005),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE));
        TrainingConfig config = new TrainingConfig(1, 1, 32, Integer.MAX_VALUE, steps, DataType.FLOAT);
        AtomicLong taken = new AtomicLong();
        try (LockstepComparison comparison = LockstepComparison.create(config, data, data.subset(new int[0]),
                List.of(run)); TrainingCpu cpu = TrainingCpu.start()) {
            comparison.addListener(new TrainingListener() {
                @Override
                public void onStep(StepEvent e) {
                    taken.incrementAndGet();
                }
            });
            if (watch) {
                comparison.watch(0, new WatchedWeight("h2", 3, 7));
            }
            comparison.start(LockstepComparison.Priority.NORMAL, 1);
            comparison.await(300, TimeUnit.SECONDS);
            return cpu.seconds() * 1e6 / taken.get();
        }
    }
}
