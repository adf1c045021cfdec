package dev.descent.engine.data;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import java.time.Duration;
import dev.descent.testing.Fifo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), text, StandardCharsets.UTF_8);
    }

    private Dataset classify(String text) throws Exception {
        return CsvReader.read(file(text), "label", Task.CLASSIFICATION);
    }

    private String classifyFails(String text) throws IOException {
        Path file = file(text);
        return assertThrows(DataException.class, () -> CsvReader.read(file, "label", Task.CLASSIFICATION))
                .getMessage();
    }

    private String regressFails(String text) throws IOException {
        Path file = file(text);
        return assertThrows(DataException.class, () -> CsvReader.read(file, "y", Task.REGRESSION)).getMessage();
    }

    // --- good files ---

    @Test
    void featuresAreEveryColumnButTheTargetInFileOrder() throws Exception {
        Dataset data = classify("""
                x1,label,x2
                1.5,a,-2
                3,b,4e-1
                """);

        assertArrayEquals(new float[]{1.5f, -2f, 3f, 0.4f}, data.featureMatrix());
    }

    @Test
    void featureNamesComeFromTheHeader() throws Exception {
        Dataset data = classify("x1,label,x2\n1,a,2\n3,b,4\n");

        assertEquals(List.of("x1", "x2"), data.featureNames());
    }

    @Test
    void textLabelsAreOrderedAlphabetically() throws Exception {
        Dataset data = classify("x,label\n1,versicolor\n2,setosa\n3,virginica\n4,setosa\n");

        assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
    }

    @Test
    void eachExampleGetsTheIndexOfItsLabel() throws Exception {
        Dataset data = classify("x,label\n1,versicolor\n2,setosa\n3,virginica\n4,setosa\n");

        assertArrayEquals(new int[]{1, 0, 2, 0}, data.classIndices());
    }

    @Test
    void numericLabelsAreOrderedByValue() throws Exception {
        Dataset data = classify("x,label\n1,10\n2,2\n3,-1\n4,2.5\n");

        assertEquals(List.of("-1", "2", "2.5", "10"), data.classNames());
    }

    @Test
    void zeroOneLabelsKeepTheirMeaning() throws Exception {
        Dataset data = classify("x,label\n1,1\n2,0\n3,1\n");

        assertArrayEquals(new int[]{1, 0, 1}, data.classIndices());
    }

    @Test
    void regressionReadsOneNumericTarget() throws Exception {
        Dataset data = CsvReader.read(file("x,y\n1,2.5\n2,-7\n"), "y", Task.REGRESSION);

        assertEquals(DataShape.regression(1, 1), data.shape());
        assertArrayEquals(new float[]{2.5f, -7f}, data.targetMatrix());
    }

    @Test
    void quotedCellsMayHoldCommasAndDoubledQuotes() throws Exception {
        Dataset data = classify("x,label\n1,\"big, \"\"red\"\"\"\n2,small\n");

        assertEquals(List.of("big, \"red\"", "small"), data.classNames());
    }

    @Test
    void quotedNumbersAreNumbers() throws Exception {
        Dataset data = classify("\"x 1\",\"label\"\n\"1.25\",a\n2,b\n");

        assertEquals(List.of("x 1"), data.featureNames());
        assertEquals(1.25f, data.feature(0, 0));
    }

    @Test
    void spacesAroundCellsAreDropped() throws Exception {
        Dataset data = classify(" x , label \n  1.5 ,\ta \n 2 , b\n");

        assertEquals(List.of("x"), data.featureNames());
        assertEquals(List.of("a", "b"), data.classNames());
        assertEquals(1.5f, data.feature(0, 0));
    }

    @Test
    void crlfLineEndsAndAByteOrderMarkAreAccepted() throws Exception {
        Dataset data = classify("\uFEFFx,label\r\n1,a\r\n2,b\r\n");

        assertEquals(List.of("x"), data.featureNames());
        assertEquals(2, data.size());
    }

    @Test
    void loneCarriageReturnsEndLinesToo() throws Exception {
        Dataset data = classify("x,label\r1,a\r2,b\r");

        assertEquals(2, data.size());
    }

    @Test
    void blankLinesAreSkipped() throws Exception {
        Dataset data = classify("\n\nx,label\n\n1,a\n   \n2,b\n\n");

        assertEquals(2, data.size());
    }

    @Test
    void lastLineNeedsNoLineBreak() throws Exception {
        Dataset data = classify("x,label\n1,a\n2,b");

        assertEquals(2, data.size());
    }

    @Test
    void datasetIsNamedAfterTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("iris.csv"), "x,label\n1,a\n2,b\n");

        assertEquals("iris", CsvReader.read(file, "label", Task.CLASSIFICATION).name());
    }

    // --- line numbers ---

    @Test
    void lineNumbersCountBlankLines() throws Exception {
        String message = classifyFails("x,label\n\n1,a\n\nzz,b\n");

        assertEquals("line 5, column 'x': 'zz' is not a number", message);
    }

    @Test
    void lineNumbersCountBreaksInsideQuotes() throws Exception {
        String message = classifyFails("x,label\n1,\"two\nlines\"\nzz,b\n");

        assertEquals("line 4, column 'x': 'zz' is not a number", message);
    }

    @Test
    void lineNumbersCountCrlfOnce() throws Exception {
        String message = classifyFails("x,label\r\n1,a\r\nzz,b\r\n");

        assertEquals("line 3, column 'x': 'zz' is not a number", message);
    }

    // --- bad files ---

    @Test
    void missingFileIsReported() {
        Path missing = dir.resolve("nope.csv");

        DataException e = assertThrows(DataException.class,
                () -> CsvReader.read(missing, "label", Task.CLASSIFICATION));

        assertEquals("the file does not exist", e.getMessage());
    }

    @Test
    void folderIsReported() {
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(dir, "label", Task.CLASSIFICATION));

        assertEquals("this is a folder, not a file", e.getMessage());
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = Fifo.make(dir.resolve("pipe.csv"));

        DataException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(DataException.class, () -> CsvReader.read(fifo, "label", Task.CLASSIFICATION)));

        assertEquals("this is a FIFO (named pipe), not a file that can be read to its end; give a regular CSV file",
                e.getMessage());
    }

    @Test
    void aDeviceIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.read(Path.of("/dev/zero"), "label", Task.CLASSIFICATION));

        assertEquals("this is a device, not a file that can be read to its end; give a regular CSV file", e.getMessage());
    }

    @Test
    void emptyFileIsReported() throws IOException {
        assertEquals("the file is empty", classifyFails(""));
    }

    @Test
    void fileOfBlankLinesIsEmpty() throws IOException {
        assertEquals("the file is empty", classifyFails("\uFEFF\n  \r\n\n"));
    }

    @Test
    void headerWithoutRowsIsReported() throws IOException {
        assertEquals("the file has a header but no data rows", classifyFails("x,label\n\n"));
    }

    @Test
    void missingTargetColumnListsTheColumns() throws IOException {
        assertEquals("no column 'label'; the columns are: x1, x2, y", classifyFails("x1,x2,y\n1,2,3\n"));
    }

    @Test
    void targetInTheWrongCaseIsSuggested() throws IOException {
        assertEquals("no column 'label' (did you mean 'Label'?); the columns are: x, Label",
                classifyFails("x,Label\n1,a\n"));
    }

    @Test
    void manyColumnsAreListedInShort() throws IOException {
        // given 20 pixel columns and no target
        StringBuilder header = new StringBuilder("p0");
        for (int i = 1; i < 20; i++) {
            header.append(",p").append(i);
        }

        String message = classifyFails(header + "\n" + "0,".repeat(19) + "0\n");

        assertEquals("no column 'label'; the columns are: p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, … (20 in all)",
                message);
    }

    @Test
    void nullTargetListsTheColumns() throws IOException {
        Path file = file("x1,x2,y\n1,2,3\n");

        DataException e = assertThrows(DataException.class, () -> CsvReader.read(file, null, Task.REGRESSION));

        assertEquals("no target column was given; the columns are: x1, x2, y", e.getMessage());
    }

    @Test
    void blankTargetListsTheColumns() throws IOException {
        Path file = file("x1,x2,y\n1,2,3\n");

        DataException e = assertThrows(DataException.class, () -> CsvReader.read(file, " ", Task.REGRESSION));

        assertEquals("no target column was given; the columns are: x1, x2, y", e.getMessage());
    }

    @Test
    void duplicateColumnNamesAreReported() throws IOException {
        assertEquals("the header names column 'x1' twice (columns 1 and 3)", classifyFails("x1,label,x1\n1,a,2\n"));
    }

    @Test
    void unnamedColumnIsReported() throws IOException {
        assertEquals("column 1 of the header has no name (is it a row index?)", classifyFails(",x,label\n0,1,a\n"));
    }

    @Test
    void targetAloneIsReported() throws IOException {
        assertEquals("the only column is the target 'label'; a feature column is needed",
                classifyFails("label\na\nb\n"));
    }

    @Test
    void shortRowIsReportedWithItsLineNumber() throws IOException {
        assertEquals("line 3 has 2 cells but the header has 3", classifyFails("x1,x2,label\n1,2,a\n1,b\n"));
    }

    @Test
    void longRowIsReportedWithItsLineNumber() throws IOException {
        assertEquals("line 2 has 4 cells but the header has 3", classifyFails("x1,x2,label\n1,2,a,\n"));
    }

    @Test
    void nonNumericFeatureIsReported() throws IOException {
        assertEquals("line 3, column 'x2': 'abc' is not a number", classifyFails("x1,x2,label\n1,2,a\n3,abc,b\n"));
    }

    @Test
    void javaOnlyNumberSyntaxIsNotANumber() throws IOException {
        // Float.parseFloat would take these; a CSV number is plain decimal
        assertEquals("line 2, column 'x': '1.5f' is not a number", classifyFails("x,label\n1.5f,a\n"));
    }

    @Test
    void hexNumberIsNotANumber() throws IOException {
        assertEquals("line 2, column 'x': '0x1p3' is not a number", classifyFails("x,label\n0x1p3,a\n"));
    }

    @Test
    void emptyFeatureIsReported() throws IOException {
        assertEquals("line 2, column 'x2' is empty; every feature needs a number", classifyFails("x1,x2,label\n1,,a\n"));
    }

    @Test
    void notANumberCellIsReported() throws IOException {
        assertEquals("line 2, column 'x': 'NaN' is not a finite number", classifyFails("x,label\nNaN,a\n"));
    }

    @Test
    void infinityCellIsReported() throws IOException {
        assertEquals("line 2, column 'x': '-Infinity' is not a finite number", classifyFails("x,label\n-Infinity,a\n"));
    }

    @Test
    void numberBeyondFloatRangeIsReported() throws IOException {
        assertEquals("line 2, column 'x': '1e39' is too large for a float (at most about 3.4e38)",
                classifyFails("x,label\n1e39,a\n"));
    }

    @Test
    void longCellIsCutShortInTheMessage() throws IOException {
        String cell = "a".repeat(100);

        assertEquals("line 2, column 'x': '" + "a".repeat(60) + "… (100 characters)' is not a number",
                classifyFails("x,label\n" + cell + ",a\n"));
    }

    @Test
    void nonNumericRegressionTargetIsReported() throws IOException {
        assertEquals("line 2, column 'y': 'big' is not a number; a regression target must be numeric",
                regressFails("x,y\n1,big\n"));
    }

    @Test
    void emptyRegressionTargetIsReported() throws IOException {
        assertEquals("line 2, column 'y' is empty; every target needs a number", regressFails("x,y\n1, \n"));
    }

    @Test
    void emptyLabelIsReported() throws IOException {
        assertEquals("line 3, column 'label' is empty; every example needs a label", classifyFails("x,label\n1,a\n2,\n"));
    }

    @Test
    void singleClassIsReported() throws IOException {
        assertEquals("column 'label' has only one class, 'a'; classification needs at least 2",
                classifyFails("x,label\n1,a\n2,a\n"));
    }

    @Test
    void unterminatedQuoteIsReportedWhereItOpens() throws IOException {
        assertEquals("line 3: a quoted cell is never closed (a \" is missing)",
                classifyFails("x,label\n1,a\n2,\"b\n3,c\n"));
    }

    @Test
    void textAfterAClosingQuoteIsReported() throws IOException {
        assertEquals("line 2: text after a closing quote (write \"\" for a quote inside quotes)",
                classifyFails("x,label\n1,\"a\"b\n"));
    }

    @Test
    void textThatIsNotUtf8IsReportedWithItsLine() throws IOException {
        // given "é" written in Latin-1 on line 3
        Path file = Files.write(dir.resolve("latin1.csv"), "x,label\n1,a\n2,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        DataException e = assertThrows(DataException.class, () -> CsvReader.read(file, "label", Task.CLASSIFICATION));

        assertEquals("the file is not UTF-8 text: line 3 has bytes that are not UTF-8 (save the file as UTF-8)",
                e.getMessage());
    }

    @Test
    void fileOverTheSizeLimitIsRefusedUnread() throws IOException {
        Path file = file("x,label\n1,a\n2,b\n"); // 16 bytes

        DataException e = assertThrows(DataException.class,
                () -> CsvReader.read(file, "label", Task.CLASSIFICATION, 10, CsvReader.MAX_VALUES, 1L << 32));

        assertEquals("the file is 16 bytes; at most 10 bytes can be read", e.getMessage());
    }

    @Test
    void defaultSizeLimitIsOneGibibyte() {
        assertEquals("1.0 GiB", CsvReader.bytes(CsvReader.MAX_BYTES));
    }

    @Test
    void tableOverTheValueLimitIsRefused() throws IOException {
        // given 2 features per row and room for 4 values: the third row is one too many
        Path file = file("x1,x2,label\n1,2,a\n3,4,b\n5,6,c\n");

        DataException e = assertThrows(DataException.class,
                () -> CsvReader.read(file, "label", Task.CLASSIFICATION, CsvReader.MAX_BYTES, 4, 1L << 32));

        assertEquals("too much data: by line 4 the table holds more than 4 feature values (rows × feature columns), "
                + "more than fit in memory", e.getMessage());
    }

    @Test
    void aTableThatOutgrowsTheHeapIsRefusedBeforeItsArraysGrow() throws IOException {
        // given 3,000 rows of 50 features and a heap of 2 MiB (the examples may take half of it)
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < 50; j++) {
            text.append('x').append(j).append(',');
        }
        text.append("label\n");
        for (int i = 0; i < 3_000; i++) {
            text.append("1,".repeat(50)).append(i % 2).append('\n');
        }
        Path file = file(text.toString());

        DataException e = assertThrows(DataException.class,
                () -> CsvReader.read(file, "label", Task.CLASSIFICATION, CsvReader.MAX_BYTES, CsvReader.MAX_VALUES, 2L << 20));

        // then the first growth beyond the budget is refused: the features grow 1,024, 2,048, ... floats;
        // 65,536 hold 1,310 rows, and the row on line 1,312 needs the next step, 131,072 floats (2,621 rows):
        // 2 × 2,621 × 52 × 4 bytes + the names is 1.04 MiB
        assertEquals("by line 1,312 the table grows to 2,621 rows of 50 features, which need about 1.04 MB of Java heap"
                + " (read, then split into training and validation), more than the 1.00 MB the examples may take here"
                + " (50% of the 2.00 MB heap; java -Xmx sets the heap)", e.getMessage());
    }

    @Test
    void aMillionColumnHeaderIsNamedInShort() throws IOException {
        // given a header of a million columns, none of them the target
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < 1_000_000; j++) {
            text.append(j == 0 ? "" : ",").append('c').append(j);
        }
        Path file = file(text.append("\n").toString());

        DataException e = assertThrows(DataException.class, () -> CsvReader.read(file, "label", Task.CLASSIFICATION));

        assertEquals("no column 'label'; the columns are: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, …"
                + " (1000000 in all)", e.getMessage());
    }

    @Test
    void defaultValueLimitFitsAFloatArray() {
        assertEquals(Integer.MAX_VALUE / 2, CsvReader.MAX_VALUES);
    }

    @Test
    void absurdlyLongCellIsRefused() throws IOException {
        String message = classifyFails("x,label\n" + "9".repeat(CsvRecords.MAX_CELL_CHARS + 1) + ",a\n");

        assertEquals("line 2 has a cell longer than 1,000,000 characters; is this a CSV file?", message);
    }

    @Test
    void absurdlyWideRowIsRefused() throws IOException {
        String message = classifyFails("x,label\n" + ",".repeat(CsvRecords.MAX_CELLS) + "\n");

        assertEquals("line 2 has more than 1,000,000 cells", message);
    }
}
