package dev.descent.engine.train;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code metrics.csv}: one row per run per step,
 * {@code run,step,epoch,train_loss,val_loss,val_accuracy,learning_rate,grad_norm:<node>...}, validation
 * columns empty where the step was not evaluated. Each run writes its own part file on its own thread;
 * {@link #finish} joins them in run order, so the file is the same whatever order the threads ran in.
 */
public final class MetricsCsv {
    private final Path target;
    private final List<String> parameterNodes;
    private final List<Part> parts = new ArrayList<>();

    /**
     * @param parameterNodes the grad_norm columns: every parameter node of any run, in order
     */
    public MetricsCsv(Path target, List<String> parameterNodes, List<String> runs) throws IOException {
        this.target = target;
        this.parameterNodes = List.copyOf(parameterNodes);
        for (int i = 0; i < runs.size(); i++) {
            Path file = target.resolveSibling(target.getFileName() + ".part" + i);
            parts.add(new Part(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8)));
        }
    }

    /** The file {@link #finish} writes. */
    public Path target() {
        return target;
    }

    /** The listener for run {@code i}; call its events on that run's thread only. */
    public TrainingListener listener(int i) {
        return parts.get(i);
    }

    /** Flushes every part and writes the joined file atomically; removes the parts. */
    public void finish() throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write(header());
            for (Part part : parts) {
                part.close();
                try (var lines = Files.newBufferedReader(part.file, StandardCharsets.UTF_8)) {
                    lines.transferTo(out);
                }
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (Part part : parts) {
            Files.deleteIfExists(part.file);
        }
    }

    /**
     * Writes the rows recorded so far to {@code copy} (atomically), while the runs go on: each part is
     * flushed under its lock at a row boundary and read up to there.
     */
    public void snapshotTo(Path copy) throws IOException {
        Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            out.write(header().getBytes(StandardCharsets.UTF_8));
            for (Part part : parts) {
                long length;
                synchronized (part) {
                    if (!part.closed) {
                        part.writer.flush();
                    }
                    length = Files.size(part.file);
                }
                try (var in = Files.newInputStream(part.file)) {
                    copy(in, out, length);
                }
            }
        }
        Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Copies the first {@code length} bytes of {@code in} (a row boundary) in bounded chunks. */
    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private String header() {
        StringBuilder header = new StringBuilder("run,step,epoch,train_loss,val_loss,val_accuracy,learning_rate");
        for (String node : parameterNodes) {
            header.append(",grad_norm:").append(node);
        }
        return header.append('\n').toString();
    }

    /** Every parameter node of every run, in first-seen computation order: the grad_norm columns. */
    public static List<String> parameterNodes(List<RunConfig> runs) {
        List<String> nodes = new ArrayList<>();
        for (RunConfig run : runs) {
            var order = dev.descent.engine.graph.GraphValidator.validate(run.network(),
                    dev.descent.engine.data.DataShape.regression(1, 1), 1, 4, Long.MAX_VALUE).order();
            for (String id : order) {
                var node = run.network().node(id).orElseThrow();
                boolean hasParameters = node instanceof dev.descent.engine.graph.NodeSpec.Dense
                        || node instanceof dev.descent.engine.graph.NodeSpec.BatchNorm
                        || node instanceof dev.descent.engine.graph.NodeSpec.LayerNorm;
                if (hasParameters && !nodes.contains(id)) {
                    nodes.add(id);
                }
            }
        }
        return nodes;
    }

    /** Removes part files after a failure. */
    public void discard() {
        for (Part part : parts) {
            try {
                part.close();
                Files.deleteIfExists(part.file);
            } catch (IOException ignored) {
                // best effort: the run is already failing with its own message
            }
        }
    }

    static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    /** One run's rows; holds the last step's row until its evaluation (if any) is known. */
    private final class Part implements TrainingListener {
        private final Path file;
        private final BufferedWriter writer;
        private StepEvent pending;
        private double validationLoss = Double.NaN;
        private double validationAccuracy = Double.NaN;
        private boolean closed;

        Part(Path file, BufferedWriter writer) {
            this.file = file;
            this.writer = writer;
        }

        @Override
        public synchronized void onStep(StepEvent e) {
            flushPending();
            pending = e;
        }

        @Override
        public synchronized void onEvaluation(EvaluationEvent e) {
            if (pending != null && pending.step() == e.step()) {
                validationLoss = e.validationLoss();
                validationAccuracy = e.validationAccuracy();
            }
        }

        @Override
        public synchronized void onStatus(StatusEvent e) {
            if (e.status().isFinal()) {
                flushPending();
            }
        }

        private void flushPending() {
            if (pending == null || closed) {
                return; // after close (a discarded comparison whose threads are still stopping): nothing to keep
            }
            StepEvent e = pending;
            StringBuilder row = new StringBuilder(128);
            row.append(csv(e.run())).append(',').append(e.step()).append(',').append(e.epoch()).append(',')
                    .append(number(e.trainLoss())).append(',').append(number(validationLoss)).append(',')
                    .append(number(validationAccuracy)).append(',').append(number(e.learningRate()));
            List<String> own = e.layout().parameterNodes();
            for (String node : parameterNodes) {
                int i = own.indexOf(node);
                row.append(',').append(i < 0 ? "" : number(e.gradientNorm(i)));
            }
            row.append('\n');
            try {
                writer.write(row.toString());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            pending = null;
            validationLoss = Double.NaN;
            validationAccuracy = Double.NaN;
        }

        synchronized void close() throws IOException {
            if (!closed) {
                flushPending();
                writer.close();
                closed = true;
            }
        }
    }

    private static String csv(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
