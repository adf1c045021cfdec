package dev.descent.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.engine.data.Task;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Param;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes experiment files (see {@code docs/experiment-format.md}) that {@link ExperimentReader} reads
 * back into an equal {@link Experiment}, apart from its base directory.
 *
 * <p>Keys come in a fixed order, so saving twice gives the same bytes and files diff well. Choices are
 * written with only the parameters set explicitly, so a file keeps what its author wrote rather than
 * spelling out every default. Data paths are written exactly as stored.
 */
public final class ExperimentWriter {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER) // shortest text that reads back as the same double
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExperimentWriter() {
    }

    /**
     * The experiment as the text of a file: pretty-printed with two-space indents, ending in a newline.
     *
     * @throws IllegalArgumentException if a number is NaN or infinite, which JSON cannot hold
     */
    public static String toJson(Experiment experiment) {
        try {
            return MAPPER.writer(new Printer()).writeValueAsString(tree(experiment)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a JSON tree to a string cannot fail", e);
        }
    }

    /**
     * Writes the experiment to {@code file}, replacing it if it exists. The text goes to a temporary file
     * in the same directory, is flushed to disk, and then replaces {@code file} in one rename, so a crash
     * or a full disk leaves either the old file or the new one, never half of one.
     *
     * @throws IllegalArgumentException if a number is NaN or infinite (nothing is written)
     */
    public static void write(Experiment experiment, Path file) throws IOException {
        byte[] bytes = toJson(experiment).getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    // ---- the tree, keys in the order of the format's documentation ----

    private static ObjectNode tree(Experiment e) {
        ObjectNode root = NODES.objectNode();
        root.put("format", Experiment.FORMAT);
        root.put("name", e.name());
        root.put("seed", e.seed());
        if (e.dataset() != null) {
            root.set("dataset", dataset(e.dataset()));
        }
        if (e.normalizer() != null) {
            root.set("normalizer", choice(e.normalizer(), "normalizer"));
        }
        if (e.network() != null) {
            root.set("network", network(e.network()));
        }
        if (e.training() != null) {
            ObjectNode training = root.putObject("training");
            training.put("epochs", e.training().epochs());
            training.put("batchSize", e.training().batchSize());
            training.put("evaluateEvery", e.training().evaluateEvery());
            if (e.training().seeds() != 1) {
                training.put("seeds", e.training().seeds());
            }
        }
        ArrayNode runs = root.putArray("runs");
        for (RunSpec run : e.runs()) {
            runs.add(run(run));
        }
        return root;
    }

    private static ObjectNode dataset(DatasetSpec dataset) {
        ObjectNode o = NODES.objectNode();
        if (dataset instanceof DatasetSpec.Generated g) {
            o.put("generator", g.generator() == null ? null : g.generator().id());
            o.put("samples", g.samples());
            o.set("noise", number(g.noise(), "dataset noise"));
            // regression sets take no classes: leave the key out rather than write a meaningless 0
            if (!(g.generator() != null && g.generator().task() == Task.REGRESSION && g.classes() == 0)) {
                o.put("classes", g.classes());
            }
        } else if (dataset instanceof DatasetSpec.Csv c) {
            o.put("csv", c.path());
            o.put("target", c.target());
            o.put("task", c.task() == null ? null : c.task().id());
        } else if (dataset instanceof DatasetSpec.Idx i) {
            ObjectNode files = o.putObject("idx");
            files.put("images", i.images());
            files.put("labels", i.labels());
        }
        o.set("validation", number(dataset.validation(), "dataset validation"));
        return o;
    }

    private static ObjectNode network(NetworkSpec network) {
        ObjectNode o = NODES.objectNode();
        ArrayNode nodes = o.putArray("nodes");
        for (NodeSpec node : network.nodes()) {
            nodes.add(node(node));
        }
        ArrayNode edges = o.putArray("edges");
        for (Edge edge : network.edges()) {
            edges.addArray().add(edge.from()).add(edge.to());
        }
        return o;
    }

    private static ObjectNode node(NodeSpec node) {
        ObjectNode o = NODES.objectNode();
        String where = "node '" + node.id() + "'";
        o.put("id", node.id());
        o.put("type", node.type().id());
        for (String key : node.type().keys()) {
            Param param = node.type().param(key).orElse(null);
            if (param == null) {
                if (node.choice() != null) {
                    o.set(key, choice(node.choice(), where + " " + key));
                }
            } else if (param.type() == Param.Type.BOOLEAN) {
                o.put(key, node.value(param) != 0);
            } else if (param.type() == Param.Type.INTEGER) {
                o.put(key, (int) node.value(param));
            } else {
                o.set(key, number(node.value(param), where + " " + key));
            }
        }
        Position position = node.position();
        if (position != null) {
            o.set("x", number(position.x(), where + " x"));
            o.set("y", number(position.y(), where + " y"));
        }
        return o;
    }

    private static ObjectNode run(RunSpec run) {
        ObjectNode o = NODES.objectNode();
        String where = "run '" + run.name() + "'";
        o.put("name", run.name());
        if (run.optimizer() != null) {
            o.set("optimizer", choice(run.optimizer(), where + " optimizer"));
        }
        if (run.schedule() != null) {
            o.set("schedule", choice(run.schedule(), where + " schedule"));
        }
        if (run.init() != null) {
            o.set("init", choice(run.init(), where + " init"));
        }
        if (run.activation() != null) {
            o.set("activation", choice(run.activation(), where + " activation"));
        }
        if (run.normalizer() != null) {
            o.set("normalizer", choice(run.normalizer(), where + " normalizer"));
        }
        if (run.normalization() != null) {
            o.put("normalization", run.normalization().id());
        }
        if (run.sweep() != null) {
            o.set("sweep", sweep(run.sweep(), where + " sweep"));
        }
        return o;
    }

    /** Each axis as it was written: a list of values, or {@code {"log"|"linear": [from, to], "count": n}}. */
    private static ObjectNode sweep(Sweep sweep, String what) {
        ObjectNode o = NODES.objectNode();
        for (Sweep.Axis axis : sweep.axes()) {
            String where = what + " " + axis.parameter();
            if (axis.values() instanceof Sweep.Listed listed) {
                ArrayNode values = o.putArray(axis.parameter());
                listed.values().forEach(v -> values.add(number(v, where)));
            } else {
                ObjectNode range = o.putObject(axis.parameter());
                boolean log = axis.values() instanceof Sweep.Log;
                double from = log ? ((Sweep.Log) axis.values()).from() : ((Sweep.Linear) axis.values()).from();
                double to = log ? ((Sweep.Log) axis.values()).to() : ((Sweep.Linear) axis.values()).to();
                ArrayNode ends = range.putArray(log ? "log" : "linear");
                ends.add(number(from, where));
                ends.add(number(to, where));
                range.put("count", axis.values().count());
            }
        }
        return o;
    }

    /** The name alone when nothing is set explicitly, otherwise {@code {"type": name, key: value, ...}}. */
    private static JsonNode choice(Choice<?> choice, String what) {
        if (choice.values().isEmpty()) {
            return NODES.textNode(choice.term().id());
        }
        ObjectNode o = NODES.objectNode();
        o.put("type", choice.term().id());
        for (Map.Entry<String, Double> e : choice.values().entrySet()) {
            Param param = choice.term().param(e.getKey()).orElseThrow();
            if (param.type() == Param.Type.BOOLEAN) {
                o.put(e.getKey(), e.getValue() != 0);
            } else {
                o.set(e.getKey(), number(e.getValue(), what + " " + e.getKey()));
            }
        }
        return o;
    }

    /** Whole values as integers (1000, not 1000.0), others as the shortest text that reads back exactly. */
    private static JsonNode number(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " is " + value + ", which a JSON file cannot hold");
        }
        boolean negativeZero = Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0);
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && !negativeZero) {
            return NODES.numberNode((long) value);
        }
        return NODES.numberNode(value);
    }

    /**
     * Jackson's default layout ({@code "key" : value}, objects and arrays one entry per line) with the
     * indent fixed to two spaces and {@code \n}, and arrays nested in arrays (the edges) kept on one
     * line: {@code ["in", "h1"]}.
     */
    private static final class Printer extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        Printer() {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
        }

        @Override
        public Printer createInstance() {
            return new Printer();
        }

        /** Whether the array being written sits inside another array. */
        private static boolean inline(JsonGenerator g) {
            JsonStreamContext parent = g.getOutputContext().getParent();
            return parent != null && parent.inArray();
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            if (inline(g)) {
                g.writeRaw('[');
            } else {
                super.writeStartArray(g);
            }
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (!inline(g)) {
                super.beforeArrayValues(g);
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            if (inline(g)) {
                g.writeRaw(", ");
            } else {
                super.writeArrayValueSeparator(g);
            }
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (inline(g)) {
                g.writeRaw(']');
            } else {
                super.writeEndArray(g, nrOfValues);
            }
        }
    }
}
