package dev.descent.engine.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@link Generator#SHAPES} images: 16×16 grayscale, a bright shape (circle, square, triangle or
 * cross) of random size and position on a dark, noisy background, pixel values 0–255 as raw as a
 * camera would give them.
 */
final class Shapes {
    static final List<String> NAMES = List.of("circle", "square", "triangle", "cross");

    private Shapes() {
    }

    static Dataset generate(int samples, double noise, int classes, SplittableRandom r) {
        int side = Generator.IMAGE_SIDE;
        float[] x = new float[samples * side * side];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            int k = i % classes;
            labels[i] = k;
            double size = 3 + 3 * r.nextDouble();
            double cx = size + 1 + (side - 2 * size - 2) * r.nextDouble();
            double cy = size + 1 + (side - 2 * size - 2) * r.nextDouble();
            double ink = 170 + 85 * r.nextDouble();
            double paper = 30 * r.nextDouble();
            for (int py = 0; py < side; py++) {
                for (int px = 0; px < side; px++) {
                    double dx = px + 0.5 - cx;
                    double dy = py + 0.5 - cy;
                    boolean on = switch (k) {
                        case 0 -> dx * dx + dy * dy <= size * size && dx * dx + dy * dy >= (size - 1.5) * (size - 1.5);
                        case 1 -> Math.max(Math.abs(dx), Math.abs(dy)) <= size
                                && Math.max(Math.abs(dx), Math.abs(dy)) >= size - 1.5;
                        case 2 -> dy <= size && dy >= -size && Math.abs(dx) <= (dy + size) / 2;
                        default -> (Math.abs(dx) <= 1 && Math.abs(dy) <= size) || (Math.abs(dy) <= 1 && Math.abs(dx) <= size);
                    };
                    double value = (on ? ink : paper) + noise * 255 * Generator.gaussian(r);
                    x[i * side * side + py * side + px] = (float) Math.max(0, Math.min(255, Math.round(value)));
                }
            }
        }
        List<String> features = Dataset.pixelNames(side * side);
        return Dataset.classification("shapes", side * side, x, labels, features, NAMES.subList(0, classes))
                .asImages(side, side);
    }
}
