package dev.descent.ui.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.lesson.Lesson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The start page's lesson cards at the window sizes a teacher has: each card has its natural height (a few lines
 * of text, not stretched to the page), lies inside the scroll viewport's width, and no two cards overlap.
 */
@ExtendWith(ApplicationExtension.class)
class StartPageLayoutTest {
    private Stage owner;
    private StartPage page;

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        owner = stage;
        owner.setScene(new Scene(new BorderPane(), 400, 300));
        owner.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            if (page != null) {
                page.hide();
            }
        }).get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @CsvSource({"1440, 900", "1280, 720", "900, 600"})
    void everyCardHasANaturalHeightInsideTheViewport(double width, double height) throws Exception {
        List<Lesson> lessons = LessonLibrary.builtIn();
        WaitForAsyncUtils.asyncFx(() -> {
            // the page's size for an owner window of that size (the headless screen is smaller than 1440x900)
            page = new StartPage(owner, lessons, l -> { }, StartPage.size(width, 880, 80), StartPage.size(height, 640, 80));
            page.show();
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = page.window().getScene();
        assertTrue(scene.getWidth() <= width && scene.getHeight() <= height, "the page fits the window " + width + "x" + height);
        ScrollPane scroll = (ScrollPane) scene.lookup("#start-scroll");
        Bounds viewport = scroll.getViewportBounds();
        List<Bounds> cards = new ArrayList<>();
        for (int i = 1; i <= lessons.size(); i++) {
            Node card = scene.lookup("#start-lesson-" + i);
            Bounds b = card.localToScene(card.getLayoutBounds());
            Bounds inScroll = scroll.sceneToLocal(b);
            assertTrue(inScroll.getMinX() >= 0 && inScroll.getMaxX() <= viewport.getWidth() + 0.5,
                    "card " + i + " inside the viewport's width " + viewport.getWidth() + ": " + inScroll);
            assertTrue(b.getHeight() >= 40 && b.getHeight() <= 160, "card " + i + " has a natural height: " + b.getHeight());
            for (int j = 0; j < cards.size(); j++) {
                assertFalse(cards.get(j).intersects(b.getMinX() + 1, b.getMinY() + 1, b.getWidth() - 2, b.getHeight() - 2),
                        "cards " + (j + 1) + " and " + i + " overlap");
            }
            cards.add(b);
        }
        assertEquals(lessons.size(), cards.size());
        // the summaries wrap inside their card instead of running past its edge
        Node summary = scene.lookup("#start-lesson-1 .start-summary");
        Bounds s = summary.localToScene(summary.getLayoutBounds());
        assertTrue(s.getMaxX() <= cards.get(0).getMaxX() + 0.5, "summary inside its card: " + s + " vs " + cards.get(0));
        // the last card can be scrolled into view: the content is exactly as tall as the cards need
        Node last = scene.lookup("#start-lesson-" + lessons.size());
        Bounds content = scroll.getContent().getLayoutBounds();
        Bounds lastInPage = scroll.getContent().sceneToLocal(last.localToScene(last.getLayoutBounds()));
        assertTrue(lastInPage.getMaxY() <= content.getMaxY(), "last card inside the scrollable page");
    }
}
