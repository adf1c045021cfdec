package dev.descent.engine.data;

import dev.descent.engine.vocab.Shown;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a table of numbers from a UTF-8 CSV file (quoting as in {@link CsvRecords}). The first non-blank
 * line names the columns; one column is the target and every other column is a numeric feature.
 *
 * <ul>
 *   <li>Classification: target cells are labels (any text). The classes are the distinct labels, in
 *       numeric order when every label is a number (2 before 10), otherwise in alphabetical order; at
 *       least 2 are needed.</li>
 *   <li>Regression: the target is one numeric column.</li>
 * </ul>
 *
 * <p>Numbers are decimal ({@code -1.5}, {@code 2e-3}); NaN, infinities and values beyond the float
 * range are refused. Every problem is a {@link DataException} with a one-line message naming the
 * physical line (1-based) and column; the caller names the file. Files over 1 GiB and tables of more
 * than {@code Integer.MAX_VALUE / 2} feature values are refused before they are held in memory.
 */
public final class CsvReader {
    /** Largest file read. */
    static final long MAX_BYTES = 1L << 30;
    /** Most feature values (rows × feature columns) held. */
    static final long MAX_VALUES = Integer.MAX_VALUE / 2;
    private static final int LISTED_COLUMNS = 12;

    private final String target;
    private final Task task;
    private final long maxValues;
    private final long heapBytes;
    private long headerChars;
    private final CsvRecords records;

    private List<String> header;
    private int targetIndex;
    private int features;
    private int rows;
    private float[] x = new float[1024];
    private float[] y = new float[256];
    private int[] labelIds = new int[256];
    private final Map<String, Integer> labels = new LinkedHashMap<>();

    private CsvReader(String target, Task task, long maxValues, long heapBytes, CsvRecords records) {
        this.target = target;
        this.task = task;
        this.maxValues = maxValues;
        this.heapBytes = heapBytes;
        this.records = records;
    }

    /**
     * Reads {@code file} as a dataset named after it.
     *
     * @param targetColumn the header name of the column to predict
     * @throws DataException if the file cannot be read or is not a valid table for {@code task}
     */
    public static Dataset read(Path file, String targetColumn, Task task) throws DataException {
        return read(file, targetColumn, task, MAX_BYTES, MAX_VALUES, Runtime.getRuntime().maxMemory());
    }

    /** {@link #read(Path, String, Task)} with the size limits as arguments, so tests can reach them. */
    static Dataset read(Path file, String targetColumn, Task task, long maxBytes, long maxValues, long heapBytes)
            throws DataException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(task, "task");
        checkSize(file, maxBytes);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            try {
                return new CsvReader(targetColumn, task, maxValues, heapBytes, new CsvRecords(in)).readAll(datasetName(file));
            } catch (CharacterCodingException e) {
                throw new DataException("the file is not UTF-8 text: line " + lineOfBadUtf8(file)
                        + " has bytes that are not UTF-8 (save the file as UTF-8)", e);
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static void checkSize(Path file, long maxBytes) throws DataException {
        String kind = RegularFile.notRegular(file);
        if (kind != null) {
            throw new DataException("this is " + (kind.startsWith("not") ? "" : kind + ", ") + "not a file"
                    + (kind.startsWith("a folder") ? "" : " that can be read to its end; give a regular CSV file"));
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (size > maxBytes) {
            throw new DataException("the file is " + bytes(size) + "; at most " + bytes(maxBytes) + " can be read");
        }
    }

    /** The 1-based line holding the first byte sequence that is not UTF-8, found by decoding again. */
    private static int lineOfBadUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        int line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                end = n < 0;
                bytes.position(bytes.position() + Math.max(0, n));
                bytes.flip();
                int start = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, end);
                for (int i = start; i < bytes.position(); i++) {
                    if (bytes.get(i) == '\n') {
                        line++;
                    }
                }
                if (result.isError()) {
                    return line;
                }
                chars.clear();
                bytes.compact();
            }
        }
        return line;
    }

    private static DataException unreadable(IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException("the file does not exist", e);
        }
        if (e instanceof AccessDeniedException) {
            return new DataException("cannot read the file: permission denied", e);
        }
        return new DataException("cannot read the file: " + DataException.reasonOf(e), e);
    }

    private Dataset readAll(String name) throws IOException, DataException {
        CsvRecords.Row first = records.next();
        if (first == null) {
            throw new DataException("the file is empty");
        }
        readHeader(first);
        for (CsvRecords.Row row = records.next(); row != null; row = records.next()) {
            readRow(row);
        }
        if (rows == 0) {
            throw new DataException("the file has a header but no data rows");
        }
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(targetIndex);
        float[] features = Arrays.copyOf(x, rows * this.features);
        if (task == Task.REGRESSION) {
            return Dataset.regression(name, this.features, features, 1, Arrays.copyOf(y, rows), featureNames);
        }
        return classification(name, features, featureNames);
    }

    private void readHeader(CsvRecords.Row row) throws DataException {
        header = row.cells();
        headerChars = header.stream().mapToLong(String::length).sum();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            if (column.isEmpty()) {
                throw new DataException("column " + (i + 1) + " of the header has no name (is it a row index?)");
            }
            Integer earlier = seen.putIfAbsent(column, i);
            if (earlier != null) {
                throw new DataException("the header names column " + show(column) + " twice (columns "
                        + (earlier + 1) + " and " + (i + 1) + ")");
            }
        }
        if (target == null || target.isBlank()) {
            throw new DataException("no target column was given; the columns are: " + columnList());
        }
        Integer index = seen.get(target.strip());
        if (index == null) {
            String near = header.stream().filter(c -> c.equalsIgnoreCase(target.strip())).findFirst()
                    .map(c -> " (did you mean " + show(c) + "?)").orElse("");
            throw new DataException("no column " + show(target) + near + "; the columns are: " + columnList());
        }
        targetIndex = index;
        features = header.size() - 1;
        if (features == 0) {
            throw new DataException("the only column is the target " + show(header.get(targetIndex))
                    + "; a feature column is needed");
        }
    }

    /** The header names for a message: all of them, or the first few and the count. */
    private String columnList() {
        if (header.size() <= LISTED_COLUMNS) {
            return String.join(", ", header.stream().map(Shown::text).toList());
        }
        return String.join(", ", header.subList(0, LISTED_COLUMNS).stream().map(Shown::text).toList()) + ", … (" + header.size() + " in all)";
    }

    private void readRow(CsvRecords.Row row) throws DataException {
        List<String> cells = row.cells();
        if (cells.size() != header.size()) {
            throw new DataException("line " + row.line() + " has " + cells.size()
                    + (cells.size() == 1 ? " cell" : " cells") + " but the header has " + header.size());
        }
        if ((long) (rows + 1) * features > maxValues) {
            throw new DataException(String.format(Locale.ROOT,
                    "too much data: by line %d the table holds more than %,d feature values (rows × feature columns), "
                            + "more than fit in memory", row.line(), maxValues));
        }
        ensureRoom(row.line());
        int at = rows * features;
        for (int i = 0; i < cells.size(); i++) {
            if (i != targetIndex) {
                x[at++] = number(row.line(), i, cells.get(i));
            }
        }
        String label = cells.get(targetIndex);
        if (task == Task.REGRESSION) {
            y[rows] = number(row.line(), targetIndex, label);
        } else {
            if (label.isEmpty()) {
                throw new DataException("line " + row.line() + ", column " + show(header.get(targetIndex))
                        + " is empty; every example needs a label");
            }
            Integer id = labels.computeIfAbsent(label, l -> labels.size());
            labelIds[rows] = id;
        }
        rows++;
    }

    /**
     * Grows the arrays for one more row, after checking that the rows they will then hold fit in the
     * heap ({@link DataBudget}): the table is refused before an allocation that would not fit.
     */
    private void ensureRoom(int line) throws DataException {
        long needed = (long) (rows + 1) * features;
        if (needed > x.length) {
            long grown = Math.min(Math.max(needed, 2L * x.length), maxValues);
            checkBudget(line, grown / features);
            x = Arrays.copyOf(x, (int) grown);
        }
        if (rows == y.length) {
            int grown = (int) Math.min(2L * rows, maxValues);
            checkBudget(line, grown);
            y = Arrays.copyOf(y, grown);
            labelIds = Arrays.copyOf(labelIds, grown);
        }
    }

    private void checkBudget(int line, long rowsHeld) throws DataException {
        double bytes = DataBudget.heapBytes(rowsHeld, features, 2, header.size(), headerChars);
        String tooLarge = DataBudget.problem(String.format(Locale.ROOT, "by line %,d the table grows to %,d rows of"
                + " %,d features, which", line, rowsHeld, features), bytes, heapBytes);
        if (tooLarge != null) {
            throw new DataException(tooLarge);
        }
    }

    /** The value of a numeric cell, or a message saying why it is not one. */
    private float number(int line, int column, String cell) throws DataException {
        boolean isTarget = column == targetIndex;
        String where = "line " + line + ", column " + show(header.get(column));
        if (cell.isEmpty()) {
            throw new DataException(where + " is empty; every " + (isTarget ? "target" : "feature") + " needs a number");
        }
        if (!isDecimal(cell)) {
            String advice = isTarget ? "; a regression target must be numeric" : "";
            String bare = cell.startsWith("+") || cell.startsWith("-") ? cell.substring(1) : cell;
            if (bare.equalsIgnoreCase("nan") || bare.equalsIgnoreCase("inf") || bare.equalsIgnoreCase("infinity")) {
                throw new DataException(where + ": " + show(cell) + " is not a finite number" + advice);
            }
            throw new DataException(where + ": " + show(cell) + " is not a number" + advice);
        }
        float value = Float.parseFloat(cell);
        if (Float.isInfinite(value)) {
            throw new DataException(where + ": " + show(cell) + " is too large for a float (at most about 3.4e38)");
        }
        return value;
    }

    private Dataset classification(String name, float[] features, List<String> featureNames) throws DataException {
        List<String> names = new ArrayList<>(labels.keySet());
        if (names.size() < 2) {
            throw new DataException("column " + show(header.get(targetIndex)) + " has only one class, " + show(names.get(0))
                    + "; classification needs at least 2");
        }
        boolean numeric = names.stream().allMatch(CsvReader::isDecimal);
        names.sort(numeric
                ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder());
        int[] order = new int[names.size()];
        for (int k = 0; k < names.size(); k++) {
            order[labels.get(names.get(k))] = k;
        }
        int[] classes = new int[rows];
        for (int i = 0; i < rows; i++) {
            classes[i] = order[labelIds[i]];
        }
        return Dataset.classification(name, this.features, features, classes, featureNames, names);
    }

    /** Whether {@code s} is a plain decimal number: optional sign, digits with an optional point, optional exponent. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A cell for a message: quoted, escaped, cut short if long. */
    private static String show(String text) {
        return Shown.quoted(text);
    }

    private static String datasetName(Path file) {
        String name = String.valueOf(file.getFileName());
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    /** A byte count for people: "200 bytes", "1.5 GiB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + (n == 1 ? " byte" : " bytes");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
