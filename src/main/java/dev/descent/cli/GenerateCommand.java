package dev.descent.cli;

import dev.descent.engine.data.CsvWriter;
import dev.descent.engine.data.DataException;
import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.vocab.Shown;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code descent generate NAME ... --out FILE.csv}. */
@Command(name = "generate",
        mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Writes a built-in synthetic dataset to a CSV file.")
final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME",
            description = "spiral, moons, circles, xor, blobs, checkerboard, sine (regression) or shapes (16×16 images).")
    String name;

    @Option(names = "--samples", paramLabel = "N", description = "Number of examples (default: the generator's).")
    Integer samples;

    @Option(names = "--noise", paramLabel = "X", description = "Noise level (default: the generator's).")
    Double noise;

    @Option(names = "--classes", paramLabel = "K", description = "Number of classes, where the generator allows a choice.")
    Integer classes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.csv", required = true, description = "Where to write the CSV.")
    Path out;

    @Override
    public Integer call() throws BadInputException {
        Generator generator = Generator.byId(name).orElseThrow(() -> new BadInputException("generate",
                "unknown dataset " + Shown.quoted(name) + "; valid names are " + Generator.ids()));
        int n = samples != null ? samples : generator.defaultSamples();
        double x = noise != null ? noise : generator.defaultNoise();
        int k = classes != null ? classes : generator.defaultClasses();
        Dataset data;
        try {
            data = generator.generate(n, x, k, seed);
        } catch (DataException e) {
            throw new BadInputException(name, e.getMessage());
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            CsvWriter.write(data, out);
        } catch (IOException e) {
            throw new BadInputException(out.toString(), "cannot write: " + dev.descent.engine.data.DataException.reasonOf(e));
        }
        return 0;
    }
}
