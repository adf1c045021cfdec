package dev.descent.export;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.ParameterSegment;
import dev.descent.engine.nn.Pass;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a run starts from and draws in Descent, taken from Descent's own network: the initial weights
 * ({@link Network#create} with the experiment's seed, as every run starts) and the dropout masks of the
 * first steps (the network's training forward passes, which draw them from the run's generator in the
 * same order and batch sizes as training does; the masks depend on nothing else).
 */
final class InitialState {
    private final RunPlan plan;
    private final NetworkCode names;

    InitialState(RunPlan plan, NetworkCode names) {
        this.plan = plan;
        this.names = names;
    }

    private Network network(DataShape shape) {
        return Network.create(plan.network(), shape, DataType.FLOAT, plan.seed());
    }

    /**
     * Writes the initial weights as JSON, one entry per PyTorch state-dict name ({@code h1.weight} [out, in],
     * {@code h1.bias}, batch norm's {@code weight}, {@code bias}, {@code running_mean}, {@code running_var},
     * {@code num_batches_tracked}; layer norm's {@code weight}, {@code bias}), values exact as float32.
     */
    void writeWeights(DataShape shape, Writer out) throws IOException {
        Network network = network(shape);
        INDArray values = network.parameters();
        Map<String, ParameterSegment> segments = new HashMap<>();
        for (ParameterSegment s : network.segments()) {
            segments.put(s.nodeId(), s);
        }
        List<String> entries = new ArrayList<>();
        for (String id : plan.order()) {
            NodeSpec node = plan.network().node(id).orElseThrow();
            String name = names.name(id);
            ParameterSegment s = segments.get(id);
            int width = plan.widths().get(id);
            switch (node.type()) {
                case DENSE -> {
                    int in = plan.inputWidth(id);
                    // Descent's W is [in, units] row-major; nn.Linear's weight is its transpose [units, in]
                    StringBuilder w = new StringBuilder("[\n");
                    for (int u = 0; u < width; u++) {
                        w.append(u == 0 ? "    [" : ",\n    [");
                        for (int i = 0; i < in; i++) {
                            w.append(i == 0 ? "" : ", ").append(value(values, s.offset() + (long) i * width + u));
                        }
                        w.append(']');
                    }
                    entries.add(entry(name + ".weight", w.append("\n  ]").toString()));
                    if (((NodeSpec.Dense) node).bias()) {
                        entries.add(entry(name + ".bias", vector(values, s.offset() + (long) in * width, width)));
                    }
                }
                case BATCH_NORM -> {
                    entries.add(entry(name + ".weight", vector(values, s.offset(), width)));
                    entries.add(entry(name + ".bias", vector(values, s.offset() + width, width)));
                    entries.add(entry(name + ".running_mean", constant(0, width)));
                    entries.add(entry(name + ".running_var", constant(1, width)));
                    entries.add(entry(name + ".num_batches_tracked", "0"));
                }
                case LAYER_NORM -> {
                    entries.add(entry(name + ".weight", vector(values, s.offset(), width)));
                    entries.add(entry(name + ".bias", vector(values, s.offset() + width, width)));
                }
                case INPUT, ACTIVATION, DROPOUT, ADD, LOSS -> {
                }
            }
        }
        out.write("{\n" + String.join(",\n", entries) + "\n}\n");
    }

    private static String entry(String name, String value) {
        return "  " + Py.string(name) + ": " + value;
    }

    private static String value(INDArray flat, long index) {
        return Py.float32(flat.getFloat(0, index));
    }

    private static String vector(INDArray flat, long offset, int length) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < length; i++) {
            b.append(i == 0 ? "" : ", ").append(value(flat, offset + i));
        }
        return b.append(']').toString();
    }

    private static String constant(int value, int length) {
        return "[" + String.join(", ", java.util.Collections.nCopies(length, value + ".0")) + "]";
    }

    /** Receives the masks of one training step: per drawing dropout node (computation order), its mask. */
    interface MaskSink {
        void step(List<INDArray> masks) throws IOException;
    }

    /**
     * Runs Descent's training forward passes for the first {@link RunPlan#maskSteps()} steps, at each
     * step's batch size, and hands each step's masks to {@code sink}. The batches' contents do not matter
     * (masks are drawn independently of the values), so the passes see zeros.
     */
    void drawMasks(DataShape shape, MaskSink sink) throws IOException {
        List<NodeSpec.Dropout> dropouts = plan.drawingDropouts();
        if (dropouts.isEmpty() || plan.maskSteps() == 0) {
            return;
        }
        Network network = network(shape);
        int batches = plan.stepsPerEpoch();
        int batchSize = plan.training().batchSize();
        for (int step = 1; step <= plan.maskSteps(); step++) {
            int b = (step - 1) % batches;
            int size = b == batches - 1 ? plan.trainSize() - b * batchSize : batchSize;
            Pass pass = network.pass(size, true);
            pass.forward(true);
            List<INDArray> masks = new ArrayList<>();
            for (NodeSpec.Dropout d : dropouts) {
                masks.add(pass.dropoutMask(d.id()));
            }
            sink.step(masks);
        }
    }
}
