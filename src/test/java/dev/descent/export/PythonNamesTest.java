package dev.descent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Node ids become Python identifiers that hide nothing and never collide. */
class PythonNamesTest {
    @Test
    void validIdsStayAsTheyAre() {
        PythonNames names = new PythonNames(List.of("h1", "out", "block_2"));
        assertEquals("h1", names.of("h1"));
        assertEquals("out", names.of("out"));
        assertEquals("block_2", names.of("block_2"));
    }

    @Test
    void otherCharactersBecomeUnderscoresAndADigitCannotLead() {
        PythonNames names = new PythonNames(List.of("h-1", "2nd layer", "ßeta", ""));
        assertEquals("h_1", names.of("h-1"));
        assertEquals("n_2nd_layer", names.of("2nd layer"));
        assertEquals("_eta", names.of("ßeta"));
        assertEquals("n_", names.of(""));
    }

    @Test
    void keywordsAndTheScriptsOwnNamesGetATrailingUnderscore() {
        PythonNames names = new PythonNames(List.of("in", "class", "sum", "torch", "self"));
        assertEquals(List.of("in_", "class_", "sum_", "torch_", "self_"),
                List.of(names.of("in"), names.of("class"), names.of("sum"), names.of("torch"), names.of("self")));
    }

    @Test
    void namesThatWouldCollideAreNumberedInListOrder() {
        PythonNames names = new PythonNames(List.of("h-1", "h_1", "h 1", "h_1_2"));
        assertEquals(List.of("h_1", "h_1_2", "h_1_3", "h_1_2_2"),
                List.of(names.of("h-1"), names.of("h_1"), names.of("h 1"), names.of("h_1_2")));
    }
}
