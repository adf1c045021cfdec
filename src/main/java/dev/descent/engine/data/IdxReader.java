package dev.descent.engine.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an image classification set in the IDX format of MNIST and Fashion-MNIST: an images file
 * (magic {@code 0x00000803}: unsigned bytes in 3 dimensions, then big-endian count, rows, columns and
 * the pixels image by image, line by line) and a labels file (magic {@code 0x00000801}: unsigned bytes
 * in 1 dimension, then the count and one byte per image). Either file may be gzip-compressed; that is
 * told by its first two bytes (0x1f 0x8b), not its name. Bytes after the promised data are ignored.
 *
 * <p>The result has one feature per pixel ({@code p0}, {@code p1}, … line by line) holding 0–255, is
 * marked as columns × rows images, and has max label + 1 classes named "0", "1", …. Headers are checked
 * before anything is allocated; every problem is a {@link DataException} naming the file at fault.
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** Most pixel values (images × rows × columns) loaded: about four MNIST training sets, 800 MB of floats. */
    static final long MAX_VALUES = 200_000_000L;
    /** Largest label accepted; 255 often marks "no label". */
    static final int MAX_LABEL = 254;
    private static final int UNSIGNED_BYTE = 0x08;
    /** Values allocated for a compressed file before its data shows it holds more. */
    private static final int FIRST_CHUNK = 1 << 20;
    /** Bytes read at a time. */
    private static final int CHUNK = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads the images and their labels as one classification set named after the images file.
     *
     * @throws DataException if either file cannot be read, is not the IDX file it should be, or the two
     *                       do not match
     */
    public static Dataset read(Path images, Path labels) throws DataException {
        return read(images, labels, MAX_VALUES, Runtime.getRuntime().maxMemory());
    }

    /** {@link #read(Path, Path)} with the size limits as arguments, so tests can reach them. */
    static Dataset read(Path images, Path labels, long maxValues, long heapBytes) throws DataException {
        try (Source imageSource = Source.open(images); Source labelSource = Source.open(labels)) {
            int[] shape = imagesHeader(imageSource, maxValues, heapBytes);
            int count = shape[0];
            int rows = shape[1];
            int cols = shape[2];
            labelsHeader(labelSource, count, imageSource.name);
            float[] pixels = pixels(imageSource, count, rows * cols);
            int[] classes = labels(labelSource, count);
            return dataset(imageSource.name, pixels, classes, rows, cols, labelSource.name);
        }
    }

    /** Checks the images header; returns count, rows and columns. */
    private static int[] imagesHeader(Source source, long maxValues, long heapBytes) throws DataException {
        int magic = source.headerInt();
        checkMagic(source, magic, IMAGES_MAGIC, "images", 3, "count, rows, columns");
        long count = Integer.toUnsignedLong(source.headerInt());
        long rows = Integer.toUnsignedLong(source.headerInt());
        long cols = Integer.toUnsignedLong(source.headerInt());
        if (count == 0) {
            throw new DataException(source.name + " holds no images");
        }
        if (rows == 0 || cols == 0) {
            throw new DataException(source.name + " promises images of " + rows + "×" + cols + " pixels");
        }
        if ((double) count * rows * cols > maxValues) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s: the header promises %d images of %d×%d; at most %,d pixel values can be loaded",
                    source.name, count, rows, cols, maxValues));
        }
        long pixels = count * rows * cols;
        // the pixels and labels as floats and ints, read and split (names cost nothing)
        double bytes = DataBudget.heapBytes(count, rows * cols, 1, 0, 0);
        String tooLarge = DataBudget.problem(String.format(Locale.ROOT, "%s: %,d images of %,d×%,d pixels",
                source.name, count, rows, cols), bytes, heapBytes);
        if (tooLarge != null) {
            throw new DataException(tooLarge);
        }
        if (source.plainBytes >= 0 && source.plainBytes - 16 < pixels) {
            throw new DataException(source.name + ": the header promises " + count + " images of " + rows + "×"
                    + cols + " but the file holds only " + bytes(Math.max(0, source.plainBytes - 16)) + " of pixels");
        }
        return new int[]{(int) count, (int) rows, (int) cols};
    }

    private static void labelsHeader(Source source, int imageCount, String imagesName) throws DataException {
        int magic = source.headerInt();
        checkMagic(source, magic, LABELS_MAGIC, "labels", 1, "count");
        long count = Integer.toUnsignedLong(source.headerInt());
        if (count != imageCount) {
            throw new DataException(imagesName + " holds " + imageCount + " images but " + source.name + " holds "
                    + count + " labels");
        }
        if (source.plainBytes >= 0 && source.plainBytes - 8 < count) {
            throw new DataException(source.name + ": the header promises " + count
                    + " labels but the file holds only " + Math.max(0, source.plainBytes - 8));
        }
    }

    private static void checkMagic(Source source, int magic, int expected, String kind, int dimensions,
                                   String dimensionNames) throws DataException {
        if (magic == expected) {
            return;
        }
        int other = expected == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC;
        if (magic == other) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s is an IDX %s file, not an IDX %s file (magic 0x%08X; expected 0x%08X); are the two files swapped?",
                    source.name, kind.equals("images") ? "labels" : "images", kind, magic, expected));
        }
        if ((magic >>> 16) != 0) {
            throw new DataException(String.format(Locale.ROOT, "%s is not an IDX %s file (magic 0x%08X; expected 0x%08X)",
                    source.name, kind, magic, expected));
        }
        int type = (magic >>> 8) & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new DataException(String.format(Locale.ROOT,
                    "%s holds IDX values of type 0x%02X (%s); only unsigned bytes (0x08) are supported",
                    source.name, type, typeName(type)));
        }
        int found = magic & 0xFF;
        throw new DataException(source.name + " has " + found + (found == 1 ? " dimension" : " dimensions")
                + "; an IDX " + kind + " file has " + dimensions + " (" + dimensionNames + ")");
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown type";
        };
    }

    /**
     * Reads {@code count} images of {@code perImage} pixels as floats. The bytes are read in chunks of at
     * most {@value #CHUNK} and, for a compressed file (whose length says nothing of its data), the array
     * grows as data arrives, so a short file whose header promises much allocates only what it holds.
     */
    private static float[] pixels(Source source, int count, int perImage) throws DataException {
        long total = (long) count * perImage;
        float[] pixels = new float[(int) (source.plainBytes >= 0 ? total : Math.min(total, FIRST_CHUNK))];
        byte[] chunk = new byte[(int) Math.min(total, CHUNK)];
        long at = 0;
        while (at < total) {
            int want = (int) Math.min(chunk.length, total - at);
            int read = source.readAvailable(chunk, want);
            if (at + read > pixels.length) {
                pixels = Arrays.copyOf(pixels, (int) Math.min(total, Math.max(2L * pixels.length, at + read)));
            }
            for (int p = 0; p < read; p++) {
                pixels[(int) at + p] = chunk[p] & 0xFF;
            }
            at += read;
            if (read < want) {
                throw new DataException(source.name + " ends after " + at / perImage + " of " + count + " images");
            }
        }
        return pixels;
    }

    /** Reads {@code count} labels, in chunks as {@link #pixels}. */
    private static int[] labels(Source source, int count) throws DataException {
        int[] classes = new int[source.plainBytes >= 0 ? count : Math.min(count, FIRST_CHUNK)];
        byte[] chunk = new byte[Math.min(count, CHUNK)];
        int at = 0;
        while (at < count) {
            int want = Math.min(chunk.length, count - at);
            int read = source.readAvailable(chunk, want);
            if (at + read > classes.length) {
                classes = Arrays.copyOf(classes, (int) Math.min(count, Math.max(2L * classes.length, at + read)));
            }
            for (int i = 0; i < read; i++) {
                classes[at + i] = chunk[i] & 0xFF;
                if (classes[at + i] > MAX_LABEL) {
                    throw new DataException(source.name + ": label " + (at + i + 1) + " of " + count + " is "
                            + classes[at + i] + "; labels must be 0 to " + MAX_LABEL);
                }
            }
            at += read;
            if (read < want) {
                throw new DataException(source.name + " ends after " + at + " of " + count + " labels");
            }
        }
        return classes;
    }

    private static Dataset dataset(String name, float[] pixels, int[] classes, int rows, int cols,
                                   String labelsName) throws DataException {
        int classCount = Arrays.stream(classes).max().orElse(0) + 1;
        if (classCount < 2) {
            throw new DataException(labelsName + ": every label is 0; classification needs at least 2 classes");
        }
        List<String> classNames = new ArrayList<>();
        for (int k = 0; k < classCount; k++) {
            classNames.add(Integer.toString(k));
        }
        List<String> featureNames = Dataset.pixelNames(rows * cols);
        String setName = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return Dataset.classification(setName, rows * cols, pixels, classes, featureNames, classNames)
                .asImages(cols, rows);
    }

    private static String bytes(long n) {
        return n + (n == 1 ? " byte" : " bytes");
    }

    /** One IDX file, opened plain or through gzip, that reports its problems under its own name. */
    private static final class Source implements Closeable {
        final String name;
        /** Length of a plain file, or -1 when compressed (the data length is not known in advance). */
        final long plainBytes;
        private final DataInputStream in;

        private Source(String name, long plainBytes, DataInputStream in) {
            this.name = name;
            this.plainBytes = plainBytes;
            this.in = in;
        }

        static Source open(Path file) throws DataException {
            String name = String.valueOf(file.getFileName());
            String kind = RegularFile.notRegular(file);
            if (kind != null) {
                throw new DataException(name + " is " + (kind.startsWith("not") ? "" : kind + ", ") + "not a file"
                        + (kind.startsWith("a folder") ? "" : " that can be read to its end; give a regular IDX file"));
            }
            InputStream raw = null;
            try {
                long size = Files.size(file);
                if (size == 0) {
                    throw new DataException(name + " is empty");
                }
                raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                raw.mark(2);
                boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
                raw.reset();
                if (!gzip) {
                    return new Source(name, size, new DataInputStream(raw));
                }
                try {
                    InputStream unzipped = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
                    return new Source(name, -1, new DataInputStream(unzipped));
                } catch (ZipException | EOFException e) {
                    raw.close();
                    throw new DataException(name + " starts like a gzip file but is not one: "
                            + (e instanceof EOFException ? "it ends inside the gzip header" : DataException.reasonOf(e)), e);
                }
            } catch (IOException e) {
                closeQuietly(raw);
                throw unreadable(name, e);
            }
        }

        /** The next header field, big-endian. */
        int headerInt() throws DataException {
            try {
                return in.readInt();
            } catch (EOFException e) {
                throw new DataException(name + " ends inside its header; it is not a complete IDX file", e);
            } catch (IOException e) {
                throw unreadable(name, e);
            }
        }

        /** Reads into {@code buffer} until {@code length} bytes are there or the data ends; returns the bytes read. */
        int readAvailable(byte[] buffer, int length) throws DataException {
            int total = 0;
            try {
                while (total < length) {
                    int n = in.read(buffer, total, length - total);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
            } catch (EOFException e) {
                // a cut-off gzip stream ends with an exception instead of -1: report it as the end
                return total;
            } catch (IOException e) {
                throw unreadable(name, e);
            }
            return total;
        }

        @Override
        public void close() {
            closeQuietly(in);
        }

        private static void closeQuietly(Closeable c) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // nothing was written, so nothing is lost
                }
            }
        }

        private static DataException unreadable(String name, IOException e) {
            if (e instanceof NoSuchFileException) {
                return new DataException(name + " does not exist", e);
            }
            if (e instanceof AccessDeniedException) {
                return new DataException("cannot read " + name + ": permission denied", e);
            }
            if (e instanceof ZipException) {
                return new DataException(name + " is a damaged gzip file: " + DataException.reasonOf(e), e);
            }
            return new DataException("cannot read " + name + ": " + DataException.reasonOf(e), e);
        }
    }
}
