package dev.descent.engine.train;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code metrics.csv}: one row per member of a run per step,
 * {@code run,member,step,epoch,train_loss,val_loss,val_accuracy,learning_rate,grad_norm:<node>...}, validation
 * columns empty where the step was not evaluated ({@code member} is 0 for a run trained with one seed),
 * then what the network looks like inside:
 * {@code weight_norm:<node>...} (‖θ‖₂ after the update) and {@code update_ratio:<node>...} (‖Δθ‖₂/‖θ‖₂)
 * for every parameter node, {@code act_mean:<node>...}, {@code act_std:<node>...} (population σ) and
 * {@code saturated:<node>...} (the saturated or dead share) for every activation node, each group in
 * the order of the grad_norm columns; a column is empty where the run has no such node.
 *
 * <p>Each run writes on its own thread: run 0 straight into {@code metrics.csv}, every other run i into
 * {@code metrics.csv.part<i>}, each file starting with the header. {@link #finish} appends the parts' rows
 * in run order to {@code metrics.csv} and removes them, so the file is the same whatever order the threads
 * ran in.
 *
 * <p>Nothing is lost to a crash: rows are buffered and written whole, in one write of complete rows at a
 * time (when 32 KiB have gathered, or a second has passed since the last write), so a process killed with
 * SIGKILL leaves {@code metrics.csv} and its parts ending at a row boundary, each with its header.
 * {@link #recover} joins such parts later ({@code descent recover DIR}).
 *
 * <p>A failed write (a full disk) never reaches the training threads: the first {@link IOException} is
 * kept ({@link #failure()}), nothing more is written, and {@link #finish} throws it.
 */
public final class MetricsCsv {
    /** Bytes of rows gathered before they are written. */
    static final int FLUSH_BYTES = 32 * 1024;
    /** Longest time rows wait in memory before they are written. */
    static final long FLUSH_NANOS = 1_000_000_000L;
    /** A part file of run {@code i > 0}: {@code metrics.csv.part<i>}. */
    private static final Pattern PART = Pattern.compile("\\.part([1-9][0-9]{0,8})$");

    private final Path target;
    private final List<String> parameterNodes;
    private final List<String> activationNodes;
    private final List<Part> parts = new ArrayList<>();
    private final Store store;
    private volatile IOException failure;

    /**
     * Creates {@code target} (replacing it) and the part files, each holding the header.
     *
     * @param parameterNodes  the grad_norm, weight_norm and update_ratio columns: every parameter node of
     *                        any run, in order ({@link #parameterNodes(List)})
     * @param activationNodes the act_mean, act_std and saturated columns: every activation node of any run,
     *                        in order ({@link #activationNodes(List)})
     * @throws IOException if a file cannot be created; nothing is left behind then
     */
    public MetricsCsv(Path target, List<String> parameterNodes, List<String> activationNodes, List<String> runs)
            throws IOException {
        this(target, parameterNodes, activationNodes, runs, MetricsCsv::create);
    }

    /** The columns of every node of {@code runs}, into {@code target}; each row names its member's run. */
    public static MetricsCsv of(Path target, List<RunConfig> runs) throws IOException {
        return forMembers(target, parameterNodes(runs), activationNodes(runs), runs);
    }

    /**
     * As {@link #MetricsCsv(Path, List, List, List)} for the members of a comparison: each row names its
     * member's run ({@link RunConfig#group()}) and its member number.
     */
    public static MetricsCsv forMembers(Path target, List<String> parameterNodes, List<String> activationNodes,
                                        List<RunConfig> members) throws IOException {
        return new MetricsCsv(target, parameterNodes, activationNodes, MetricsCsv::create, members);
    }

    /** Where a run's rows go: a new file, emptied if it exists. Tests give one that fails. */
    interface Store {
        WritableByteChannel open(Path file) throws IOException;
    }

    private static WritableByteChannel create(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    MetricsCsv(Path target, List<String> parameterNodes, List<String> activationNodes, List<String> runs, Store store)
            throws IOException {
        this(target, parameterNodes, activationNodes, store,
                runs.stream().map(name -> new RunConfig(name, null, null, null, null)).toList());
    }

    /** @param runs the run and member columns of each run of the comparison, by its index */
    private MetricsCsv(Path target, List<String> parameterNodes, List<String> activationNodes, Store store,
                       List<RunConfig> runs) throws IOException {
        this.target = target;
        this.store = store;
        this.parameterNodes = List.copyOf(parameterNodes);
        this.activationNodes = List.copyOf(activationNodes);
        try {
            for (int i = 0; i < runs.size(); i++) {
                Part part = new Part(i == 0 ? target : partFile(target, i), runs.get(i));
                parts.add(part);
                part.start(header());
            }
        } catch (IOException e) {
            discard();
            throw e;
        }
    }

    /** The part file of run {@code i > 0}. */
    public static Path partFile(Path target, int i) {
        return target.resolveSibling(target.getFileName() + ".part" + i);
    }

    /** The file {@link #finish} writes. */
    public Path target() {
        return target;
    }

    /** The listener for run {@code i}; call its events on that run's thread only. */
    public TrainingListener listener(int i) {
        return parts.get(i);
    }

    /** The first write that failed (rows are no longer written after it), or null. */
    public IOException failure() {
        return failure;
    }

    /**
     * Writes what is left of every part and appends the parts' rows to {@code metrics.csv} in run order;
     * removes the parts.
     *
     * @throws IOException the first write that failed, during training or now; the files are then as
     *                     they were (call {@link #discard} to remove them)
     */
    public void finish() throws IOException {
        for (Part part : parts) {
            part.close();
        }
        if (failure != null) {
            throw failure;
        }
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            files.add(parts.get(i).file);
        }
        join(target, files);
    }

    /**
     * Writes the rows recorded so far to {@code copy} (atomically), while the runs go on: each part's
     * gathered rows are written under its lock, and the file is read up to there, a row boundary.
     */
    public void snapshotTo(Path copy) throws IOException {
        Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(header().getBytes(StandardCharsets.UTF_8));
            for (Part part : parts) {
                long length;
                synchronized (part) {
                    part.write();
                    length = part.written;
                }
                try (InputStream in = Files.newInputStream(part.file)) {
                    long header = skipLine(in);
                    copyRows(in, out, length - header);
                }
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String header() {
        StringBuilder header = new StringBuilder("run,member,step,epoch,train_loss,val_loss,val_accuracy,learning_rate");
        for (String node : parameterNodes) {
            header.append(",grad_norm:").append(node);
        }
        appendNames(header, "weight_norm:", parameterNodes);
        appendNames(header, "update_ratio:", parameterNodes);
        appendNames(header, "act_mean:", activationNodes);
        appendNames(header, "act_std:", activationNodes);
        appendNames(header, "saturated:", activationNodes);
        return header.append('\n').toString();
    }

    private static void appendNames(StringBuilder header, String prefix, List<String> nodes) {
        for (String node : nodes) {
            header.append(',').append(prefix).append(node);
        }
    }

    /**
     * One row: the step's columns, then each per-node column ({@code ""} where the run has no such node).
     * {@code columns} maps the file's columns to the event's nodes ({@link Columns}).
     */
    private String row(RunConfig label, StepEvent e, Columns columns, double validationLoss, double validationAccuracy) {
        StringBuilder row = new StringBuilder(128 + 24 * (3 * parameterNodes.size() + 3 * activationNodes.size()));
        row.append(csv(label.group())).append(',').append(label.member()).append(',').append(e.step()).append(',')
                .append(e.epoch()).append(',')
                .append(number(e.trainLoss())).append(',').append(number(validationLoss)).append(',')
                .append(number(validationAccuracy)).append(',').append(number(e.learningRate()));
        int[] p = columns.parameter;
        int[] a = columns.activation;
        for (int i : p) {
            row.append(',').append(i < 0 ? "" : number(e.gradientNorm(i)));
        }
        for (int i : p) {
            row.append(',').append(i < 0 ? "" : number(e.weightNorm(i)));
        }
        for (int i : p) {
            row.append(',').append(i < 0 ? "" : number(e.updateRatio(i)));
        }
        for (int i : a) {
            row.append(',').append(i < 0 ? "" : number(e.activationMean(i)));
        }
        for (int i : a) {
            row.append(',').append(i < 0 ? "" : number(e.activationStd(i)));
        }
        for (int i : a) {
            row.append(',').append(i < 0 ? "" : number(e.saturatedFraction(i)));
        }
        return row.append('\n').toString();
    }

    /** For one run's layout: the index of each column's node among the run's nodes, or -1. */
    private final class Columns {
        final MetricLayout layout;
        final int[] parameter;
        final int[] activation;

        Columns(MetricLayout layout) {
            this.layout = layout;
            parameter = parameterNodes.stream().mapToInt(layout.parameterNodes()::indexOf).toArray();
            activation = activationNodes.stream().mapToInt(layout.activationNodes()::indexOf).toArray();
        }
    }

    /** Every parameter node of every run, in first-seen computation order: the grad_norm columns. */
    public static List<String> parameterNodes(List<RunConfig> runs) {
        List<String> nodes = new ArrayList<>();
        for (RunConfig run : runs) {
            var order = dev.descent.engine.graph.GraphValidator.validate(run.network(),
                    dev.descent.engine.data.DataShape.regression(1, 1), 1, 4, Long.MAX_VALUE).order();
            for (String id : order) {
                boolean hasParameters = run.network().node(id).orElseThrow().type().hasParameters();
                if (hasParameters && !nodes.contains(id)) {
                    nodes.add(id);
                }
            }
        }
        return nodes;
    }

    /** Every activation node of every run, in first-seen computation order: the act_* and saturated columns. */
    public static List<String> activationNodes(List<RunConfig> runs) {
        List<String> nodes = new ArrayList<>();
        for (RunConfig run : runs) {
            var order = dev.descent.engine.graph.GraphValidator.validate(run.network(),
                    dev.descent.engine.data.DataShape.regression(1, 1), 1, 4, Long.MAX_VALUE).order();
            for (String id : order) {
                boolean activation = run.network().node(id).orElseThrow() instanceof dev.descent.engine.graph.NodeSpec.Activation;
                if (activation && !nodes.contains(id)) {
                    nodes.add(id);
                }
            }
        }
        return nodes;
    }

    /** Removes {@code metrics.csv} and its parts, after a failure or when the results are not wanted. */
    public void discard() {
        for (Part part : parts) {
            try {
                part.close();
            } catch (IOException ignored) {
                // the file goes anyway
            }
            try {
                Files.deleteIfExists(part.file);
            } catch (IOException ignored) {
                // best effort: the run is already failing with its own message
            }
        }
    }

    // ---- joining parts: after a complete run, and after one that was killed ----

    /** What {@link #recover} did. */
    public record Recovery(int parts, long rows) {
    }

    /**
     * The part files next to {@code target} ({@code metrics.csv.part1}, ...), by run number; empty if
     * there are none.
     */
    public static List<Path> partsOf(Path target) throws IOException {
        TreeMap<Integer, Path> found = new TreeMap<>();
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        String prefix = target.getFileName().toString();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix)) {
                    Matcher m = PART.matcher(name.substring(prefix.length()));
                    if (m.matches() && Files.isRegularFile(file)) {
                        found.put(Integer.parseInt(m.group(1)), file);
                    }
                }
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * Joins the parts a killed {@code descent run} left next to {@code target} into it: every whole row of
     * each part, in run order, after {@code target}'s own rows; a line cut short at the end of any file is
     * dropped. Removes the parts.
     *
     * @throws IOException if {@code target} is missing or a part's header differs from its header
     */
    public static Recovery recover(Path target) throws IOException {
        List<Path> files = partsOf(target);
        if (!Files.isRegularFile(target)) {
            throw new IOException("there is no " + target.getFileName() + " to join the parts to");
        }
        String header = firstLine(target);
        for (Path part : files) {
            if (!header.equals(firstLine(part))) {
                throw new IOException(part.getFileName() + " has other columns than " + target.getFileName()
                        + "; it is not a part of the same run");
            }
        }
        join(target, files);
        return new Recovery(files.size(), countRows(target));
    }

    /** Appends the rows of {@code files} (each after its header line) to {@code target}; removes them. */
    private static void join(Path target, List<Path> files) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            out.truncate(wholeRows(target));
            out.position(out.size());
            OutputStream stream = Channels.newOutputStream(out);
            for (Path part : files) {
                long end = wholeRows(part);
                try (InputStream in = Files.newInputStream(part)) {
                    long header = skipLine(in);
                    copyRows(in, stream, end - header);
                }
            }
            stream.flush();
            out.force(true);
        }
        for (Path part : files) {
            Files.delete(part);
        }
    }

    /** Length of {@code file} up to and including its last line break: the whole rows. */
    private static long wholeRows(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (long end = size; end > 0; ) {
                long start = Math.max(0, end - buffer.capacity());
                buffer.clear().limit((int) (end - start));
                while (buffer.hasRemaining() && in.read(buffer, start + buffer.position()) >= 0) {
                    // fill the window
                }
                for (int i = buffer.position() - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        return start + i + 1;
                    }
                }
                end = start;
            }
            return 0;
        }
    }

    /** Skips the first line; returns its length with the line break. */
    private static long skipLine(InputStream in) throws IOException {
        long n = 0;
        for (int c = in.read(); c >= 0; c = in.read()) {
            n++;
            if (c == '\n') {
                break;
            }
        }
        return n;
    }

    private static String firstLine(Path file) throws IOException {
        try (var lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = lines.readLine();
            return line == null ? "" : line;
        }
    }

    private static long countRows(Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return Math.max(0, lines - 1);
    }

    /** Copies the first {@code length} bytes of {@code in} (a row boundary) in bounded chunks. */
    private static void copyRows(InputStream in, OutputStream out, long length) throws IOException {
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

    /**
     * The shortest decimal that reads back as exactly {@code value} (Schubfach, as Jackson writes doubles,
     * and as {@code Double.toString} does from Java 19: 70 against 155 ns a number on Java 17, whose
     * {@code Double.toString} also gives a digit too many for some values, e.g. 1.41559048078636544E18),
     * or empty where it is not finite.
     */
    static String number(double value) {
        return Double.isFinite(value) ? NumberOutput.toString(value, true) : "";
    }

    /** One run's file; holds the last step's row until its evaluation (if any) is known. */
    private final class Part implements TrainingListener {
        private final Path file;
        private final RunConfig label;
        private WritableByteChannel channel;
        private byte[] rows = new byte[256];
        private int gathered;
        private long written;
        private long lastWrite = System.nanoTime();
        private StepEvent pending;
        private Columns columns;
        private double validationLoss = Double.NaN;
        private double validationAccuracy = Double.NaN;
        private boolean closed;

        Part(Path file, RunConfig label) {
            this.file = file;
            this.label = label;
        }

        /** Creates the file with its header, written at once. */
        void start(String header) throws IOException {
            channel = store.open(file);
            gather(header);
            writeOrThrow();
        }

        @Override
        public synchronized void onStep(StepEvent e) {
            keepPending();
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
                keepPending();
                write();
            }
        }

        /** Adds the held row to the gathered rows, and writes them when enough have gathered. */
        private void keepPending() {
            if (pending == null || closed) {
                return; // after close (a discarded comparison whose threads are still stopping): nothing to keep
            }
            if (columns == null || columns.layout != pending.layout()) {
                columns = new Columns(pending.layout());
            }
            gather(row(label, pending, columns, validationLoss, validationAccuracy));
            pending = null;
            validationLoss = Double.NaN;
            validationAccuracy = Double.NaN;
            if (gathered >= FLUSH_BYTES || System.nanoTime() - lastWrite >= FLUSH_NANOS) {
                write();
            }
        }

        private void gather(String row) {
            byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
            if (gathered + bytes.length > rows.length) {
                rows = Arrays.copyOf(rows, Math.max(gathered + bytes.length, Math.min(2 * rows.length, 2 * FLUSH_BYTES)));
            }
            System.arraycopy(bytes, 0, rows, gathered, bytes.length);
            gathered += bytes.length;
        }

        /** Writes the gathered rows; a failure is kept for {@link #finish}, and nothing more is written. */
        synchronized void write() {
            try {
                writeOrThrow();
            } catch (IOException e) {
                fail(e);
            }
        }

        private void writeOrThrow() throws IOException {
            if (failure != null) {
                gathered = 0; // after a failed write nothing more is written: the run's results are lost anyway
            }
            if (gathered == 0 || channel == null || !channel.isOpen()) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(rows, 0, gathered);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            written += gathered;
            gathered = 0;
            lastWrite = System.nanoTime();
        }

        private void fail(IOException e) {
            synchronized (MetricsCsv.this) {
                if (failure == null) {
                    failure = e;
                }
            }
            gathered = 0;
        }

        synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            keepPending();
            write();
            closed = true;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    fail(e);
                }
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
