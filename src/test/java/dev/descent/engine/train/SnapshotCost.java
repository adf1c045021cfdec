package dev.descent.engine.train;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;

import dev.descent.engine.Engine;
import dev.descent.engine.data.DataShape;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.Pass;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures what one {@link Snapshots#take} costs the training thread on the engine benchmark's two
 * networks (tiny 2-16-16-2 and MLP 784-256-128-10, float, batches of 32 and 128) and the activations
 * sample's deep stack, against one training step (forward and backward). Measures only; not part of
 * the suite: {@code java -cp target/classes:target/test-classes:<deps> dev.descent.engine.train.SnapshotCost}.
 */
public final class SnapshotCost {
    private SnapshotCost() {
    }

    public static void main(String[] args) {
        Engine.initialize();
        measure("tiny 2-16-16-2 /32", chain(input("in"), dense("h1", 16), activation("a1", "relu"), dense("h2", 16),
                activation("a2", "relu"), dense("out", 2), loss("loss", "cross_entropy")), 2, 2, 32);
        measure("deep 2-32x4-2 /32", chain(input("in"), dense("h1", 32), activation("a1", "sigmoid"), dense("h2", 32),
                activation("a2", "sigmoid"), dense("h3", 32), activation("a3", "sigmoid"), dense("h4", 32),
                activation("a4", "sigmoid"), dense("out", 2), loss("loss", "cross_entropy")), 2, 2, 32);
        measure("mlp 784-256-128-10 /128", chain(input("in"), dense("h1", 256), activation("a1", "relu"),
                dense("h2", 128), activation("a2", "relu"), dense("out", 10), loss("loss", "cross_entropy")),
                784, 10, 128);
    }

    private static void measure(String name, NetworkSpec spec, int features, int classes, int batch) {
        Network network = Network.create(spec, DataShape.classification(features, classes), DataType.FLOAT, 1);
        Pass pass = network.pass(batch, true);
        pass.features().assign(Nd4j.rand(DataType.FLOAT, batch, features));
        pass.labels().assign(0).getColumn(0).assign(1);
        int rounds = 2000;
        long stepNanos = Long.MAX_VALUE;
        long takeNanos = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds / 10; i++) {
                pass.forward(true);
                pass.backward();
            }
            long t1 = System.nanoTime();
            Snapshots snapshots = new Snapshots(rounds + 2, 1);
            for (int i = 1; i <= rounds; i++) {
                snapshots.take(i, network, pass);
            }
            long t2 = System.nanoTime();
            stepNanos = Math.min(stepNanos, (t1 - t0) / (rounds / 10));
            takeNanos = Math.min(takeNanos, (t2 - t1) / rounds);
        }
        System.out.printf(Locale.ROOT, "%-26s forward+backward %7.1f µs, one snapshot %6.1f µs (%.0f%% of a step)%n",
                name, stepNanos / 1e3, takeNanos / 1e3, 100.0 * takeNanos / stepNanos);
    }
}
