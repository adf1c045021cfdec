package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The app icon reaches the class path in every size, as the drawing it claims to be. */
@ExtendWith(ApplicationExtension.class)
class AppIconsTest {

    @Start
    void start(Stage stage) {
        // the toolkit only: JavaFX images need it
    }

    @Test
    void everySizeIsOnTheClassPathSquareAndOfItsSize() throws Exception {
        for (int size : AppIcons.SIZES) {
            try (InputStream in = AppIcons.class.getResourceAsStream(AppIcons.resource(size))) {
                assertNotNull(in, AppIcons.resource(size));
                BufferedImage png = ImageIO.read(in);
                assertEquals(size, png.getWidth(), AppIcons.resource(size));
                assertEquals(size, png.getHeight(), AppIcons.resource(size));
                // the corners are transparent (rounded square), the centre is not
                assertEquals(0, png.getRGB(0, 0) >>> 24, "corner of " + size);
                assertEquals(255, png.getRGB(size / 2, size / 2) >>> 24, "centre of " + size);
            }
        }
    }

    @Test
    void theWindowGetsOneJavaFxImageForEverySize() throws Exception {
        List<Image> images = WaitForAsyncUtils.asyncFx(AppIcons::images).get(10, TimeUnit.SECONDS);
        assertEquals(AppIcons.SIZES.size(), images.size());
        for (int i = 0; i < images.size(); i++) {
            assertFalse(images.get(i).isError(), "size " + AppIcons.SIZES.get(i));
            assertEquals(AppIcons.SIZES.get(i), (int) images.get(i).getWidth());
        }
    }

    @Test
    void theInstallersIconsAreBesideTheSourcesTheyAreDrawnFrom() {
        Path icons = Path.of("assets", "icon");
        for (String file : List.of("descent.svg", "descent-small.svg", "descent.ico", "descent.icns", "render")) {
            assertTrue(Files.isRegularFile(icons.resolve(file)), file);
        }
    }
}
