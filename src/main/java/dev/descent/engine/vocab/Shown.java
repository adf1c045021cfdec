package dev.descent.engine.vocab;

import java.util.Locale;

/**
 * Text from a file, a path or a command line made safe for a one-line message. Every message that
 * echoes something a user wrote goes through here, so that no message carries a raw control character
 * (a NUL, a line break, a terminal escape) and none is megabytes long:
 * <ul>
 *   <li>control characters are written as escapes: {@code \n}, {@code \r}, {@code \t}, and
 *       {@code \}{@code u0000} style for the rest (C0, DEL, C1, the bidirectional overrides and the
 *       Unicode line and paragraph separators);</li>
 *   <li>a value longer than {@value #MAX_CHARS} characters keeps its start and says how long it was:
 *       {@code aaaa… (4,000,000 characters)}.</li>
 * </ul>
 */
public final class Shown {
    /** Characters of a value kept in a message. */
    public static final int MAX_CHARS = 60;

    private Shown() {
    }

    /** {@code value} escaped and, if long, cut after {@value #MAX_CHARS} characters. */
    public static String text(String value) {
        return text(value, MAX_CHARS);
    }

    /** {@code value} escaped and, if longer than {@code max} characters, cut. */
    public static String text(String value, int max) {
        if (value == null) {
            return "nothing";
        }
        int length = value.codePointCount(0, value.length());
        if (length <= max) {
            return escaped(value);
        }
        String start = value.substring(0, value.offsetByCodePoints(0, max));
        return escaped(start) + String.format(Locale.ROOT, "… (%,d characters)", length);
    }

    /** {@code value} in single quotes, escaped and cut as {@link #text(String)}. */
    public static String quoted(String value) {
        return "'" + text(value) + "'";
    }

    /** {@code text} with every control character escaped, at any length: for whole message lines. */
    public static String escaped(String text) {
        if (text.codePoints().noneMatch(Shown::isControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format(Locale.ROOT, "\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** Whether {@code text} holds a character {@link #escaped} would escape. */
    public static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Shown::isControl);
    }

    /** The first such character as an escape, e.g. {@code \}{@code u0000}, or null if there is none. */
    public static String firstControl(String text) {
        return text.codePoints().filter(Shown::isControl).mapToObj(c -> escaped(Character.toString(c)))
                .findFirst().orElse(null);
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029;
    }
}
