package dev.descent.export;

import java.util.List;

/** Python literals for the generated script: numbers as Python reads them back exactly, strings escaped. */
final class Py {
    private Py() {
    }

    /**
     * {@code value} as a Python float literal that reads back as exactly the same double: Java's shortest
     * round-trip form, with its exponent written the Python way ({@code 1.0E-8} becomes {@code 1e-8}).
     */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value > 0 ? "math.inf" : value < 0 ? "-math.inf" : "math.nan";
        }
        String text = Double.toString(value);
        int e = text.indexOf('E');
        if (e < 0) {
            return text;
        }
        String mantissa = text.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + text.substring(e + 1);
    }

    /**
     * A float32 value as text that Python's {@code float()} reads back as exactly the same value: whole
     * numbers without a fraction ({@code 255}), others as the shortest text of the double that equals the
     * float ({@code 0.1f} is {@code 0.10000000149011612}), so a float32 tensor built from it holds Descent's
     * value bit for bit.
     */
    static String float32(float value) {
        if (value == 0 && 1 / value < 0) {
            return "-0.0";
        }
        if (value == Math.rint(value) && Math.abs(value) < (1 << 24)) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** A double-quoted Python string literal. */
    static String string(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** {@code text} wrapped at {@code width} columns, each line starting with {@code indent}. */
    static String wrap(String text, int width, String indent) {
        return pack(List.of(text.trim().split("\\s+")), width, indent);
    }

    /**
     * {@code tokens} separated by spaces, as many on a line as fit in {@code width} columns, each line
     * starting with {@code indent} and ending in a newline.
     */
    static String pack(List<String> tokens, int width, String indent) {
        StringBuilder b = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String token : tokens) {
            if (line.length() > indent.length() && line.length() + 1 + token.length() > width) {
                b.append(line).append('\n');
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(token);
        }
        return b.append(line).append('\n').toString();
    }

    /** Text made safe for a comment or docstring line: one line, no closing triple quote. */
    static String text(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").replace("\"\"\"", "'''").replace("\\", "/");
    }
}
