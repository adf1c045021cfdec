package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.StepEvents;
import dev.descent.ui.app.Examples;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.EngineStatus;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.RunColors;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.stage.Stage;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Charts written as SVG (an XML document with every curve and name) and PNG, and what a bad path says. */
@ExtendWith(ApplicationExtension.class)
class ChartExportTest {
    @TempDir
    Path dir;
    private ChartHarness harness;

    @Start
    void start(Stage stage) {
        harness = new ChartHarness(stage);
    }

    private static RunHistory losses(double... values) {
        RunHistory h = new RunHistory();
        StepEvents.losses(h, values);
        return h;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // the document names the SVG 1.1 DTD; a parser need not fetch it (this machine cannot)
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The text of every {@code <text>} element. */
    private static List<String> texts(Document svg) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }

    /**
     * How many {@code <path>} elements are stroked in {@code color}: JFreeSVG writes the stroke as
     * {@code stroke:rgb(r,g,b)} in the style of the path or of a group around it.
     */
    private static int pathsStrokedIn(Document svg, Color color) {
        String rgb = String.format(Locale.ROOT, "stroke:rgb(%d,%d,%d)", color.getRed(), color.getGreen(), color.getBlue());
        NodeList nodes = svg.getElementsByTagNameNS("*", "path");
        int n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            for (org.w3c.dom.Node at = nodes.item(i); at instanceof Element e; at = at.getParentNode()) {
                if (e.getAttribute("style").replace(" ", "").contains(rgb)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Test
    void anSvgIsAnXmlDocumentWithEveryRunsCurvesAndNames() throws Exception {
        // given the loss chart of two runs
        LossChart chart = harness.show(new LossChart());
        chart.setWindow(1);
        harness.run("SGD", losses(1, 0.8, 0.6, 0.5)).run("Adam", losses(1, 0.5, 0.3, 0.2)).totalSteps(4);
        harness.refresh(chart);
        Path file = dir.resolve("loss.svg");

        // when it is written as SVG
        ChartHarness.onFx(() -> {
            ChartFile.writeImage(file, 800, 500, (g, w, h) -> chart.draw(g, new Rectangle2D.Double(0, 0, w, h)));
            return null;
        });

        // then the file parses as XML, an <svg> of that size, with the title and both runs in the legend
        Document svg = parse(file);
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals(800, Double.parseDouble(svg.getDocumentElement().getAttribute("width")));
        List<String> texts = texts(svg);
        assertTrue(texts.contains("Loss"), texts.toString());
        assertTrue(texts.contains("SGD") && texts.contains("Adam"), texts.toString());
        // and each run is two paths in its colour: its training curve and its legend line (it has no validation points)
        assertEquals(2, pathsStrokedIn(svg, Color.decode(RunColors.of(0))), "paths in SGD's colour");
        assertEquals(2, pathsStrokedIn(svg, Color.decode(RunColors.of(1))), "paths in Adam's colour");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    /** The window's charts for its first example, nothing trained. */
    private static ChartsView charts() throws Exception {
        java.util.concurrent.Executor now = Runnable::run;
        ProjectModel project = new ProjectModel(Examples.load(Examples.FIRST));
        DataModel data = new DataModel(project, now, now);
        TrainingSession session = new TrainingSession(project, data, new EngineStatus(), now, now);
        return ChartHarness.onFx(() -> new ChartsView(project, new SelectionModel(), session, new Theme(null)));
    }

    @Test
    void theFourChartsExportAsSvgAndPngByTheFilesName() throws Exception {
        ChartsView charts = charts();
        Path svg = dir.resolve("charts.svg");
        Path png = dir.resolve("charts.png");
        ChartHarness.onFx(() -> {
            charts.export(svg);
            charts.export(png);
            return null;
        });
        Document document = parse(svg);
        assertEquals(2 * ChartsView.EXPORT_CHART_WIDTH, Double.parseDouble(document.getDocumentElement().getAttribute("width")));
        List<String> texts = texts(document);
        for (String title : List.of("Loss", "Learning rate")) {
            assertTrue(texts.stream().anyMatch(t -> t.startsWith(title)), title + " in " + texts);
        }
        assertEquals(2 * ChartsView.EXPORT_CHART_HEIGHT, javax.imageio.ImageIO.read(png.toFile()).getHeight());
    }

    @Test
    void aBadPathOrEndingSaysWhyInOneLine() throws Exception {
        ChartsView charts = charts();
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");
        Path inside = file.resolve("charts.svg");
        Exception underFile = assertThrows(java.util.concurrent.ExecutionException.class, () -> ChartHarness.onFx(() -> {
            charts.export(inside);
            return null;
        }), "a directory that is a file");
        String message = rootMessage(underFile);
        assertEquals("cannot write " + inside + ": " + file + " is a file, not a directory", message);

        IOException ending = assertThrows(IOException.class, () -> ChartFile.formatOf(dir.resolve("charts.jpg")));
        assertEquals("cannot write " + dir.resolve("charts.jpg") + ": the file name must end in .png or .svg",
                ending.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "nothing written");
        }
    }

    /** The IOException's message, under the ExecutionException that the FX call wraps it in. */
    private static String rootMessage(Throwable t) {
        Throwable e = t;
        while (!(e instanceof IOException) && e.getCause() != null) {
            e = e.getCause();
        }
        String m = e.getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }
}
