package dev.descent.ui.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes drawings (charts) as PNG or SVG, chosen by the file's name, and text files, each through a
 * temporary file beside the target renamed over it, so a reader never sees half a file. The SVG is JFreeSVG's
 * {@link SVGGraphics2D}: the same Graphics2D calls that paint the PNG, as vector shapes and text. Every
 * failure is an {@link IOException} whose message is one line naming the file and the reason.
 */
public final class ChartFile {
    private ChartFile() {
    }

    /** An image format. */
    public enum Format {
        PNG, SVG
    }

    /** Draws a picture of {@code width × height} pixels on {@code g}. */
    public interface Painter {
        void paint(Graphics2D g, int width, int height);
    }

    /** The format {@code file}'s name asks for. */
    public static Format formatOf(Path file) throws IOException {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (text.endsWith(".svg")) {
            return Format.SVG;
        }
        if (text.endsWith(".png")) {
            return Format.PNG;
        }
        throw new IOException("cannot write " + file + ": the file name must end in .png or .svg");
    }

    /** Writes what {@code painter} draws as {@code file}, a PNG or an SVG by its name. */
    public static void writeImage(Path file, int width, int height, Painter painter) throws IOException {
        Format format = formatOf(file);
        if (format == Format.SVG) {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            painter.paint(g, width, height);
            writeText(file, g.getSVGDocument());
            return;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            painter.paint(g, width, height);
        } finally {
            g.dispose();
        }
        atomically(file, temp -> {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer is available");
            }
        });
    }

    /** Writes {@code text} as {@code file} in UTF-8. */
    public static void writeText(Path file, String text) throws IOException {
        atomically(file, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    /** Something that fills a temporary file. */
    private interface Content {
        void write(Path temp) throws IOException;
    }

    private static void atomically(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            content.write(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Why the file system refused, in words, on one line. */
    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a directory";
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied" + (a.getFile() == null ? "" : " (" + a.getFile() + ")");
        }
        if (e instanceof NoSuchFileException n) {
            return "no such directory (" + n.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT) + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
