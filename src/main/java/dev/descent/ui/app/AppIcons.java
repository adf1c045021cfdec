package dev.descent.ui.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * Descent's app icon for the window's title bar and the task bar, in every size drawn
 * ({@code assets/icon/descent-<size>.png}, copied onto the class path by the build): the window system
 * picks the size it shows. The installers carry the same drawing (assets/icon/README.md).
 */
public final class AppIcons {
    /** The sizes drawn, in pixels; 16 to 32 come from the small drawing, the rest from the large one. */
    public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);
    static final String ROOT = "/dev/descent/ui/app/icon/";

    private AppIcons() {
    }

    /** The class-path resource of one size, for example {@code /dev/descent/ui/app/icon/descent-32.png}. */
    public static String resource(int size) {
        return ROOT + "descent-" + size + ".png";
    }

    /** All sizes as JavaFX images, for {@code stage.getIcons()}. Needs the JavaFX toolkit. */
    public static List<Image> images() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            try (InputStream in = AppIcons.class.getResourceAsStream(resource(size))) {
                if (in == null) {
                    throw new IllegalStateException("the build left out " + resource(size));
                }
                images.add(new Image(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return images;
    }
}
