package dev.descent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Python literals in the script and the data files read back exactly. */
class PyTest {
    @Test
    void numbersAreWrittenThePythonWay() {
        assertEquals("0.005", Py.number(0.005));
        assertEquals("1e-8", Py.number(1e-8));
        assertEquals("2.5e-4", Py.number(2.5e-4));
        assertEquals("1.0", Py.number(1));
        assertEquals("1e7", Py.number(1e7));
        assertEquals("-math.inf", Py.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    void everyFloatReadsBackAsTheSameFloatThroughADouble() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f)) {
                // Python's float() parses to the nearest double, then torch rounds it to float32
                float back = (float) Double.parseDouble(Py.float32(f));
                assertEquals(Float.floatToIntBits(f), Float.floatToIntBits(back), Py.float32(f));
            }
        }
        assertEquals("255", Py.float32(255f));
        assertEquals("-0.0", Py.float32(-0f));
        assertEquals("0.10000000149011612", Py.float32(0.1f));
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("\"a \\\"b\\\" \\\\ c\\n\"", Py.string("a \"b\" \\ c\n"));
    }

    @Test
    void wrapBreaksBetweenWordsAtTheWidth() {
        assertEquals("# one two\n# three\n", Py.wrap("one two three", 9, "# "));
    }
}
