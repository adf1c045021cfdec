package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An experiment file named {@code .descent}, the extension the installers associate, is read as {@code .json} is. */
class DescentFileExtensionTest {
    @TempDir
    Path dir;

    @Test
    void aDescentFileValidatesAndRunsLikeTheSameJsonFile() throws Exception {
        // given one experiment saved under both names
        Path json = Descent.experiment(dir, """
                { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 } }""");
        Path descent = Files.copy(json, dir.resolve("moons.descent"));
        // when each is validated and run for the same steps
        assertEquals("ok", Descent.run("validate", descent.toString()).out().strip());
        Descent fromDescent = Descent.run("run", descent.toString(), "--out", dir.resolve("a").toString(), "--steps", "5", "--quiet");
        Descent fromJson = Descent.run("run", json.toString(), "--out", dir.resolve("b").toString(), "--steps", "5", "--quiet");
        // then both succeed with byte-identical metrics
        assertEquals(0, fromDescent.code(), fromDescent.err());
        assertEquals(0, fromJson.code(), fromJson.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("b/metrics.csv")), Files.readAllBytes(dir.resolve("a/metrics.csv")));
    }

    @Test
    void aBrokenDescentFileIsRefusedWithTheSameMessageAsJson() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.descent"), "{ \"format\": 1, ");
        Descent r = Descent.run("validate", file.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + file), r.err());
    }
}
