package dev.descent.engine.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a dataset as a UTF-8 CSV file that {@link CsvReader} reads back: the header is the feature
 * names and then the target column, {@code label} for classification (each row holds its class
 * <em>name</em>), {@code y} for one regression target or {@code y1 … yk} for several. Numbers are
 * written with {@link Float#toString(float)}, the shortest text that parses back to the same float, so
 * values survive a round trip bit for bit. Cells holding a comma, quote, line break or surrounding
 * spaces are quoted (RFC 4180).
 *
 * <p>The file is replaced atomically: the text goes to a hidden temporary file in the same folder, is
 * forced to disk and then moved over {@code file}, so a reader never sees half a file and a failed write
 * leaves the old file as it was.
 *
 * <p>Read back with {@code CsvReader}, a set comes back equal except that classes are renumbered in
 * the reader's order (numeric or alphabetical by name), classes without examples are dropped, and only
 * one regression target can be read. NaN and infinite values are written but the reader refuses them.
 */
public final class CsvWriter {
    /** The target column of a classification set. */
    public static final String LABEL_COLUMN = "label";

    private CsvWriter() {
    }

    /**
     * Writes {@code data} to {@code file}, replacing it if it exists.
     *
     * @throws IllegalArgumentException if a feature name equals a target column name, or the feature
     *                                  names do not match the feature count
     */
    public static void write(Dataset data, Path file) throws IOException {
        List<String> header = header(data);
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16)) {
                writeRows(data, header, out);
                out.flush();
                channel.force(true);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The target column names of {@code data}. */
    public static List<String> targetColumns(Dataset data) {
        if (data.task() == Task.CLASSIFICATION) {
            return List.of(LABEL_COLUMN);
        }
        if (data.targetCount() == 1) {
            return List.of("y");
        }
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= data.targetCount(); k++) {
            names.add("y" + k);
        }
        return names;
    }

    private static List<String> header(Dataset data) {
        List<String> features = data.featureNames();
        if (features.size() != data.features()) {
            throw new IllegalArgumentException(data.name() + " has " + data.features() + " features but "
                    + features.size() + " feature names");
        }
        List<String> targets = targetColumns(data);
        for (String name : features) {
            if (targets.contains(name)) {
                throw new IllegalArgumentException("feature '" + name + "' has the name of the target column;"
                        + " rename the feature");
            }
        }
        List<String> header = new ArrayList<>(features);
        header.addAll(targets);
        return header;
    }

    private static void writeRows(Dataset data, List<String> header, Writer out) throws IOException {
        writeLine(out, header);
        StringBuilder line = new StringBuilder();
        List<String> classNames = data.classNames();
        for (int i = 0; i < data.size(); i++) {
            line.setLength(0);
            for (int j = 0; j < data.features(); j++) {
                line.append(Float.toString(data.feature(i, j))).append(',');
            }
            if (data.task() == Task.CLASSIFICATION) {
                line.append(cell(classNames.get(data.classOf(i))));
            } else {
                for (int k = 0; k < data.targetCount(); k++) {
                    line.append(k == 0 ? "" : ",").append(Float.toString(data.target(i, k)));
                }
            }
            out.append(line).append('\n');
        }
    }

    private static void writeLine(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write('\n');
    }

    /** The text as a CSV cell: quoted, with quotes doubled, when it would otherwise change on reading. */
    static String cell(String text) {
        boolean quote = text.isEmpty() || !text.equals(text.strip()) || text.chars().anyMatch(
                c -> c == ',' || c == '"' || c == '\n' || c == '\r' || c == '\uFEFF');
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
