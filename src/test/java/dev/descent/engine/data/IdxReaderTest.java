package dev.descent.engine.data;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import java.time.Duration;
import dev.descent.testing.Fifo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny IDX files written byte by byte: 3 images of 2×2 unless a test says otherwise. */
class IdxReaderTest {
    private static final byte[] PIXELS = bytes(0, 1, 2, 3, 10, 20, 30, 40, 255, 128, 0, 7);
    private static final byte[] LABELS = bytes(1, 0, 2);

    @TempDir
    Path dir;

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** An IDX file: the magic number, each dimension as a big-endian int, then the data. */
    private static byte[] idx(int magic, int[] dimensions, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dimensions) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path images(int count, int rows, int cols, byte[] pixels) throws IOException {
        return file("images.idx", idx(0x803, new int[]{count, rows, cols}, pixels));
    }

    private Path labels(int count, byte[] labels) throws IOException {
        return file("labels.idx", idx(0x801, new int[]{count}, labels));
    }

    private Path goodImages() throws IOException {
        return images(3, 2, 2, PIXELS);
    }

    private Path goodLabels() throws IOException {
        return labels(3, LABELS);
    }

    private static String fails(Path images, Path labels) {
        return assertThrows(DataException.class, () -> IdxReader.read(images, labels)).getMessage();
    }

    private static float[] floats(byte[] pixels) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = pixels[i] & 0xFF;
        }
        return out;
    }

    // --- good files ---

    @Test
    void plainFilesGiveEveryPixelAsAFloat() throws Exception {
        Dataset data = IdxReader.read(goodImages(), goodLabels());

        assertArrayEquals(new float[]{0, 1, 2, 3, 10, 20, 30, 40, 255, 128, 0, 7}, data.featureMatrix());
    }

    @Test
    void plainFilesGiveEveryLabel() throws Exception {
        Dataset data = IdxReader.read(goodImages(), goodLabels());

        assertArrayEquals(new int[]{1, 0, 2}, data.classIndices());
    }

    @Test
    void gzippedFilesReadTheSameAsPlainOnes() throws Exception {
        Dataset plain = IdxReader.read(goodImages(), goodLabels());
        Path images = file("images.idx.gz", gzip(idx(0x803, new int[]{3, 2, 2}, PIXELS)));
        Path labels = file("labels.idx.gz", gzip(idx(0x801, new int[]{3}, LABELS)));

        assertEquals(plain, IdxReader.read(images, labels));
    }

    @Test
    void compressionIsToldByContentNotByName() throws Exception {
        // given a gzipped file without .gz and a plain file with it
        Path images = file("images.bin", gzip(idx(0x803, new int[]{3, 2, 2}, PIXELS)));
        Path labels = file("labels.gz", idx(0x801, new int[]{3}, LABELS));

        Dataset data = IdxReader.read(images, labels);

        assertArrayEquals(floats(PIXELS), data.featureMatrix());
    }

    @Test
    void imagesAreColumnsWideAndRowsHigh() throws Exception {
        // given 2 images of 2 rows × 3 columns
        Path images = images(2, 2, 3, new byte[12]);
        Path labels = labels(2, bytes(0, 1));

        Dataset data = IdxReader.read(images, labels);

        assertEquals(List.of(3, 2, 6), List.of(data.imageWidth(), data.imageHeight(), data.features()));
    }

    @Test
    void classesRunFromZeroToTheLargestLabel() throws Exception {
        Path labels = labels(3, bytes(0, 3, 1));

        Dataset data = IdxReader.read(goodImages(), labels);

        assertEquals(List.of("0", "1", "2", "3"), data.classNames());
    }

    @Test
    void featuresAreNamedForTheirPixel() throws Exception {
        Dataset data = IdxReader.read(goodImages(), goodLabels());

        assertEquals(List.of("p0", "p1", "p2", "p3"), data.featureNames());
    }

    @Test
    void datasetIsNamedAfterTheImagesFile() throws Exception {
        Path images = file("train-images-idx3-ubyte.gz", gzip(idx(0x803, new int[]{3, 2, 2}, PIXELS)));

        assertEquals("train-images-idx3-ubyte", IdxReader.read(images, goodLabels()).name());
    }

    @Test
    void bytesAfterThePromisedDataAreIgnored() throws Exception {
        Path images = images(3, 2, 2, Arrays.copyOf(PIXELS, PIXELS.length + 5));

        assertArrayEquals(floats(PIXELS), IdxReader.read(images, goodLabels()).featureMatrix());
    }

    @Test
    void imagesLargerThanTheFirstChunkAreReadWhole() throws Exception {
        // given a gzipped set of 1,200,000 pixels, more than the first 2^20 allocated before data arrives
        byte[] pixels = new byte[300 * 4000];
        new SplittableRandom(1).nextBytes(pixels);
        Path images = file("big.gz", gzip(idx(0x803, new int[]{300, 40, 100}, pixels)));
        Path labels = labels(300, bytes(IntStream.range(0, 300).map(i -> i % 10).toArray()));

        assertArrayEquals(floats(pixels), IdxReader.read(images, labels).featureMatrix());
    }

    // --- missing and unreadable files ---

    @Test
    void missingImagesFileIsNamed() throws IOException {
        assertEquals("nope.idx does not exist", fails(dir.resolve("nope.idx"), goodLabels()));
    }

    @Test
    void missingLabelsFileIsNamed() throws IOException {
        assertEquals("nope.idx does not exist", fails(goodImages(), dir.resolve("nope.idx")));
    }

    @Test
    void folderIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("mnist"));

        assertEquals("mnist is a folder, not a file", fails(folder, goodLabels()));
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = Fifo.make(dir.resolve("labels.idx"));

        String message = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> fails(goodImages(), fifo));

        assertEquals("labels.idx is a FIFO (named pipe), not a file that can be read to its end; give a regular IDX file",
                message);
    }

    @Test
    void emptyFileIsReported() throws IOException {
        assertEquals("images.idx is empty", fails(file("images.idx", new byte[0]), goodLabels()));
    }

    @Test
    void fileEndingInsideTheHeaderIsReported() throws IOException {
        Path images = file("images.idx", bytes(0, 0, 8, 3, 0, 0));

        assertEquals("images.idx ends inside its header; it is not a complete IDX file", fails(images, goodLabels()));
    }

    // --- wrong headers ---

    @Test
    void foreignImagesFileIsReportedWithItsMagic() throws IOException {
        Path images = file("images.idx", bytes('P', 'K', 3, 4, 0, 0, 0, 0));

        assertEquals("images.idx is not an IDX images file (magic 0x504B0304; expected 0x00000803)",
                fails(images, goodLabels()));
    }

    @Test
    void foreignLabelsFileIsReportedWithItsMagic() throws IOException {
        Path labels = file("labels.idx", bytes(0x7f, 'E', 'L', 'F', 0, 0, 0, 3));

        assertEquals("labels.idx is not an IDX labels file (magic 0x7F454C46; expected 0x00000801)",
                fails(goodImages(), labels));
    }

    @Test
    void swappedFilesAreReported() throws IOException {
        assertEquals("labels.idx is an IDX labels file, not an IDX images file (magic 0x00000801; expected 0x00000803); "
                + "are the two files swapped?", fails(goodLabels(), goodImages()));
    }

    @Test
    void valuesOtherThanUnsignedBytesAreRefused() throws IOException {
        Path images = file("images.idx", idx(0x0D03, new int[]{3, 2, 2}, new byte[48]));

        assertEquals("images.idx holds IDX values of type 0x0D (float); only unsigned bytes (0x08) are supported",
                fails(images, goodLabels()));
    }

    @Test
    void imagesWithTheWrongDimensionCountAreRefused() throws IOException {
        Path images = file("images.idx", idx(0x804, new int[]{3, 2, 2, 1}, PIXELS));

        assertEquals("images.idx has 4 dimensions; an IDX images file has 3 (count, rows, columns)",
                fails(images, goodLabels()));
    }

    @Test
    void labelsWithTheWrongDimensionCountAreRefused() throws IOException {
        Path labels = file("labels.idx", idx(0x802, new int[]{3, 1}, LABELS));

        assertEquals("labels.idx has 2 dimensions; an IDX labels file has 1 (count)", fails(goodImages(), labels));
    }

    @Test
    void differentCountsAreReported() throws IOException {
        assertEquals("images.idx holds 3 images but labels.idx holds 2 labels",
                fails(goodImages(), labels(2, bytes(0, 1))));
    }

    @Test
    void zeroImagesAreRefused() throws IOException {
        assertEquals("images.idx holds no images", fails(images(0, 2, 2, new byte[0]), labels(0, new byte[0])));
    }

    @Test
    void emptyImagesAreRefused() throws IOException {
        assertEquals("images.idx promises images of 0×2 pixels", fails(images(3, 0, 2, new byte[0]), goodLabels()));
    }

    @Test
    void absurdHeaderIsRefusedBeforeAllocating() throws IOException {
        // given 4,294,967,295 images of 28×28 promised by a 16-byte file
        Path images = images(-1, 28, 28, new byte[0]);

        assertEquals("images.idx: the header promises 4294967295 images of 28×28; at most 200,000,000 pixel values "
                + "can be loaded", fails(images, goodLabels()));
    }

    @Test
    void headerOverTheValueLimitIsRefused() throws IOException {
        Path images = goodImages();
        Path labels = goodLabels();

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(images, labels, 11, 1L << 32));

        assertEquals("images.idx: the header promises 3 images of 2×2; at most 11 pixel values can be loaded",
                e.getMessage());
    }

    @Test
    void plainImagesFileShorterThanItsHeaderPromisesIsRefused() throws IOException {
        Path images = images(60000, 28, 28, new byte[1234]);

        assertEquals("images.idx: the header promises 60000 images of 28×28 but the file holds only 1234 bytes of pixels",
                fails(images, labels(60000, new byte[60000])));
    }

    @Test
    void plainLabelsFileShorterThanItsHeaderPromisesIsRefused() throws IOException {
        assertEquals("labels.idx: the header promises 3 labels but the file holds only 2",
                fails(goodImages(), labels(3, bytes(0, 1))));
    }

    // --- bad data ---

    @Test
    void gzippedImagesEndingEarlyAreReported() throws IOException {
        // given 3 images promised and 1.5 delivered
        Path images = file("images.gz", gzip(idx(0x803, new int[]{3, 2, 2}, Arrays.copyOf(PIXELS, 6))));

        assertEquals("images.gz ends after 1 of 3 images", fails(images, goodLabels()));
    }

    @Test
    void gzipStreamCutOffIsReportedAsTheEnd() throws IOException {
        // given the compressed bytes of 100 random 4×4 images cut in half
        byte[] pixels = new byte[1600];
        new SplittableRandom(2).nextBytes(pixels);
        byte[] whole = gzip(idx(0x803, new int[]{100, 4, 4}, pixels));
        Path images = file("images.gz", Arrays.copyOf(whole, whole.length / 2));
        Path labels = labels(100, new byte[100]);

        String message = fails(images, labels);

        assertTrue(message.matches("images\\.gz ends after \\d+ of 100 images"), message);
    }

    @Test
    void aGzipHeaderCutShortSaysSoInsteadOfNull() throws IOException {
        // given a file of the two gzip magic bytes and a few more, too short for a gzip header
        Path images = file("images.gz", bytes(0x1f, 0x8b, 8, 0));

        assertEquals("images.gz starts like a gzip file but is not one: it ends inside the gzip header",
                fails(images, goodLabels()));
    }

    @Test
    void noMessageEndsInNullForAnyCutOfAGzipFile() throws IOException {
        // given every prefix of a small gzip file (those that hold all the promised pixels are read)
        byte[] whole = gzip(idx(0x803, new int[]{3, 2, 2}, PIXELS));
        Path labels = goodLabels();
        int refused = 0;
        for (int n = 1; n < whole.length; n++) {
            Path images = file("cut.gz", Arrays.copyOf(whole, n));
            try {
                IdxReader.read(images, labels);
            } catch (DataException e) {
                refused++;
                assertFalse(e.getMessage().endsWith("null") || e.getMessage().contains(": null"), n + " bytes: " + e.getMessage());
            }
        }
        assertTrue(refused > 10, refused + " prefixes refused");
    }

    @Test
    void aHeaderPromisingMoreThanTheHeapHoldsIsRefusedBeforeAnythingIsAllocated() throws IOException {
        // given a small gzip file whose header promises 2 images of 1×100,000,000 pixels (within the
        // pixel-value limit), and a 2 GiB heap
        Path images = file("hostile.gz", gzip(idx(0x803, new int[]{2, 1, 100_000_000}, new byte[1000])));
        Path labels = labels(2, bytes(0, 1));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(images, labels, IdxReader.MAX_VALUES,
                2L << 30));

        // 2 × 200,000,002 values × 4 bytes, read and split: 1.49 GiB
        assertEquals("hostile.gz: 2 images of 1×100,000,000 pixels need about 1.49 GB of Java heap (read, then split"
                + " into training and validation), more than the 1.00 GB the examples may take here (50% of the 2.00 GB"
                + " heap; java -Xmx sets the heap)", e.getMessage());
    }

    @Test
    void aCompressedFilePromisingMuchAllocatesOnlyWhatItHolds() throws IOException {
        // given a gzip file whose header promises one image of 10,000 × 10,000 pixels but holds 1,000
        Path images = file("short.gz", gzip(idx(0x803, new int[]{1, 10_000, 10_000}, new byte[1000])));
        Path labels = labels(1, bytes(0));
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        String message = fails(images, labels);

        // then it is refused for ending early, having allocated a few MB, not the 400 MB of floats promised
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals("short.gz ends after 0 of 1 images", message);
        assertTrue(allocated < 16L << 20, allocated + " bytes allocated");
    }

    @Test
    void pixelNamesAreNotBuiltOnePerPixel() throws Exception {
        // given images of 1,000 × 1,000 pixels
        Dataset data = IdxReader.read(file("big.idx", idx(0x803, new int[]{2, 1000, 1000}, new byte[2_000_000])),
                labels(2, bytes(0, 1)));

        // then the million names are made when asked for, as p<index>
        assertEquals(1_000_000, data.featureNames().size());
        assertEquals("p999999", data.featureNames().get(999_999));
        assertEquals("p0", data.featureNames().get(0));
        for (Dataset d : List.of(data, data.subset(new int[]{1}))) {
            assertFalse(d.featureNames().getClass().getName().startsWith("java.util.ImmutableCollections"),
                    "the names were copied into a list of strings");
        }
    }

    @Test
    void gzippedLabelsEndingEarlyAreReported() throws IOException {
        Path labels = file("labels.gz", gzip(idx(0x801, new int[]{3}, bytes(0, 1))));

        assertEquals("labels.gz ends after 2 of 3 labels", fails(goodImages(), labels));
    }

    @Test
    void fileThatOnlyStartsLikeGzipIsReported() throws IOException {
        Path images = file("images.idx", bytes(0x1f, 0x8b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        assertEquals("images.idx starts like a gzip file but is not one: Unsupported compression method",
                fails(images, goodLabels()));
    }

    @Test
    void damagedGzipDataIsReported() throws IOException {
        // given a valid gzip header followed by bytes that are not deflate data
        byte[] header = Arrays.copyOf(gzip(new byte[0]), 10);
        byte[] damaged = Arrays.copyOf(header, 40);
        Arrays.fill(damaged, 10, 40, (byte) 0xFF);
        Path images = file("images.gz", damaged);

        // (0xFF starts a deflate block of the reserved type 3)
        assertEquals("images.gz is a damaged gzip file: invalid block type", fails(images, goodLabels()));
    }

    @Test
    void label255IsRefused() throws IOException {
        assertEquals("labels.idx: label 2 of 3 is 255; labels must be 0 to 254",
                fails(goodImages(), labels(3, bytes(0, 255, 1))));
    }

    @Test
    void labelsThatAreAllZeroAreRefused() throws IOException {
        assertEquals("labels.idx: every label is 0; classification needs at least 2 classes",
                fails(goodImages(), labels(3, bytes(0, 0, 0))));
    }
}
