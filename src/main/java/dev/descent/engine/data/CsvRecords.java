package dev.descent.engine.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits CSV text into records of cells, RFC 4180 style: cells are separated by commas; a cell in double
 * quotes may hold commas, line breaks and doubled quotes ({@code ""} stands for {@code "}). Spaces and
 * tabs around a cell are dropped (inside quotes they are kept). Line breaks are LF, CRLF or a lone CR; a
 * leading UTF-8 byte order mark is skipped; blank lines are skipped. Each record knows the 1-based
 * physical line it starts on.
 */
final class CsvRecords {
    /** Longest cell accepted: anything longer is not the numeric table this reader is for. */
    static final int MAX_CELL_CHARS = 1_000_000;
    /** Most cells accepted in one record. */
    static final int MAX_CELLS = 1_000_000;
    /** Most characters accepted in one record, all cells together: bounds the strings a record makes. */
    static final int MAX_RECORD_CHARS = 32 * 1024 * 1024;

    /** One record: the line it starts on and its cells. */
    record Row(int line, List<String> cells) {
    }

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int length;
    private int line = 1;
    private boolean started;
    private long recordChars;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The physical line being read, for messages about unreadable text. */
    int line() {
        return line;
    }

    /** The next non-blank record, or {@code null} at the end of the text. */
    Row next() throws IOException, DataException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                position++;
            }
        }
        while (peek() >= 0) {
            int start = line;
            List<String> cells = new ArrayList<>();
            boolean quoted = readRecord(cells, start);
            boolean blank = !quoted && cells.size() == 1 && cells.get(0).isEmpty();
            if (!blank) {
                return new Row(start, cells);
            }
        }
        return null;
    }

    /** Reads cells up to the end of the record; returns whether any cell was quoted. */
    private boolean readRecord(List<String> cells, int start) throws IOException, DataException {
        boolean quoted = false;
        recordChars = 0;
        StringBuilder cell = new StringBuilder();
        while (true) {
            cell.setLength(0);
            int c = read();
            while (c == ' ' || c == '\t') {
                c = read();
            }
            if (c == '"') {
                quoted = true;
                c = readQuoted(cell);
                cells.add(cell.toString());
            } else {
                while (c >= 0 && c != ',' && c != '\n') {
                    append(cell, c);
                    c = read();
                }
                cells.add(cell.toString().strip());
            }
            if (cells.size() > MAX_CELLS) {
                throw new DataException(String.format(Locale.ROOT, "line %d has more than %,d cells", start, MAX_CELLS));
            }
            if (c != ',') {
                return quoted;
            }
        }
    }

    /** Reads a quoted cell after its opening quote; returns the character that ends the cell. */
    private int readQuoted(StringBuilder cell) throws IOException, DataException {
        int opened = line;
        while (true) {
            int c = read();
            if (c < 0) {
                throw new DataException("line " + opened + ": a quoted cell is never closed (a \" is missing)");
            }
            if (c == '"') {
                if (peek() != '"') {
                    break;
                }
                read();
            }
            append(cell, c);
        }
        int c = read();
        while (c == ' ' || c == '\t') {
            c = read();
        }
        if (c >= 0 && c != ',' && c != '\n') {
            throw new DataException("line " + line + ": text after a closing quote (write \"\" for a quote inside quotes)");
        }
        return c;
    }

    private void append(StringBuilder cell, int c) throws DataException {
        if (cell.length() >= MAX_CELL_CHARS) {
            throw new DataException(String.format(Locale.ROOT,
                    "line %d has a cell longer than %,d characters; is this a CSV file?", line, MAX_CELL_CHARS));
        }
        if (++recordChars > MAX_RECORD_CHARS) {
            throw new DataException(String.format(Locale.ROOT,
                    "line %d is longer than %,d characters; is this a CSV file?", line, MAX_RECORD_CHARS));
        }
        cell.append((char) c);
    }

    /** The next character with every line break turned into '\n', or -1 at the end. */
    private int read() throws IOException {
        int c = peek();
        if (c < 0) {
            return c;
        }
        position++;
        if (c == '\r') {
            if (peek() == '\n') {
                position++;
            }
            c = '\n';
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == length) {
            length = in.read(buffer, 0, buffer.length);
            position = 0;
            if (length <= 0) {
                length = 0;
                return -1;
            }
        }
        return buffer[position];
    }
}
