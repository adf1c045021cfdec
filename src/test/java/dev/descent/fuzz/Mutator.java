package dev.descent.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a file's bytes, as a fuzzer makes them: bits flipped, bytes set to edge values,
 * ranges deleted, repeated or swapped, random bytes inserted, the file cut short, and tokens of the
 * format (numbers, strings, brackets) put in at random places. One to four mutations per case.
 */
final class Mutator {
    /** Tokens that matter to JSON and to the experiment format. */
    static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false",
            "0", "-1", "1e309", "-0", "2147483648", "9223372036854775808", "1e-400", "0.5", "NaN", "1000000000",
            "\"\\u0000\"", "\"\\n\"", "\"a\\\"b\"", "\"\u202e\"", "\"type\"", "\"dense\"", "\"units\"", "\"input\"",
            "\"loss\"", "\"adam\"", "\"epochs\"", "\"csv\"", "\"idx\"", "\"moons.csv\"", "\"/dev/zero\"", "\"..\"",
            "{\"type\": \"uniform\", \"low\": 1, \"high\": 0}", "\"" + "x".repeat(5000) + "\"", "\uFEFF", "\u00ff");
    /** Tokens that matter to CSV files. */
    static final List<String> CSV_TOKENS = List.of(",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\t", "nan", "inf",
            "-Infinity", "1e39", "3.4e38", "-0", "0x10", "1,5", "label", "\u0000", "\uFEFF", "\u00e9", ",,,,,,,,",
            "x".repeat(3000), "\"unclosed", "1e-50", "99999999999999999999");

    private final SplittableRandom random;
    private final List<byte[]> tokens;

    Mutator(SplittableRandom random, List<String> tokens) {
        this.random = random;
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** A mutated copy of {@code seed}. */
    byte[] mutate(byte[] seed) {
        byte[] bytes = seed;
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            bytes = once(bytes);
        }
        return bytes;
    }

    private byte[] once(byte[] bytes) {
        int n = bytes.length;
        if (n == 0) {
            return new byte[]{(byte) random.nextInt(256)};
        }
        int at = random.nextInt(n);
        int kinds = tokens.isEmpty() ? 7 : 9;
        switch (random.nextInt(kinds)) {
            case 0 -> { // flip a bit
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1 -> { // an edge byte
                byte[] copy = bytes.clone();
                int[] edge = {0, 0x7f, 0x80, 0xff, '\n', '"', ',', '{', '9', '-', 0xc3, 0xe2};
                copy[at] = (byte) edge[random.nextInt(edge.length)];
                return copy;
            }
            case 2 -> { // delete a range
                int length = 1 + random.nextInt(Math.min(n - at, 64));
                return splice(bytes, at, length, new byte[0]);
            }
            case 3 -> { // repeat a range
                int length = 1 + random.nextInt(Math.min(n - at, 256));
                byte[] range = java.util.Arrays.copyOfRange(bytes, at, at + length);
                return splice(bytes, at, 0, range);
            }
            case 4 -> { // random bytes
                byte[] junk = new byte[1 + random.nextInt(16)];
                random.nextBytes(junk);
                return splice(bytes, at, 0, junk);
            }
            case 5 -> { // cut short
                return java.util.Arrays.copyOf(bytes, at);
            }
            case 6 -> { // swap two ranges' start bytes
                byte[] copy = bytes.clone();
                int other = random.nextInt(n);
                byte b = copy[at];
                copy[at] = copy[other];
                copy[other] = b;
                return copy;
            }
            case 7 -> { // insert a token
                return splice(bytes, at, 0, tokens.get(random.nextInt(tokens.size())));
            }
            default -> { // replace a run of letters or digits by a token
                int end = at;
                while (end < n && Character.isLetterOrDigit(bytes[end] & 0xFF) && end - at < 40) {
                    end++;
                }
                return splice(bytes, at, Math.max(1, end - at), tokens.get(random.nextInt(tokens.size())));
            }
        }
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
        out.write(bytes, 0, at);
        out.write(insert, 0, insert.length);
        int from = Math.min(bytes.length, at + remove);
        out.write(bytes, from, bytes.length - from);
        return out.toByteArray();
    }
}
