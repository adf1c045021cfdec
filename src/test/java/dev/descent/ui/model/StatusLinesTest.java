package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hyperparameters in the runs table read as a person writes them. */
class StatusLinesTest {

    @Test
    void learningRatesReadAsWrittenNotInJavasExponentForm() {
        assertEquals("0.0002", StatusLines.number(2.0e-4), "Java's Double.toString says 2.0E-4");
        assertEquals("0.05", StatusLines.number(0.05));
        assertEquals("0.001", StatusLines.number(1e-3));
        assertEquals("0.0001", StatusLines.number(1e-4));
        assertEquals("2.5e-7", StatusLines.number(2.5e-7));
        assertEquals("1e-7", StatusLines.number(1e-7));
        assertEquals("-0.3", StatusLines.number(-0.3));
        assertEquals("100", StatusLines.number(100));
        assertEquals("1e7", StatusLines.number(1e7));
        assertEquals("NaN", StatusLines.number(Double.NaN));
    }
}
