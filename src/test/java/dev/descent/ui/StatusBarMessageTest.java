package dev.descent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.ui.model.TrainingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A divergence sentence longer than the status bar ends in an ellipsis in the bar and is whole in its tooltip. */
@ExtendWith(ApplicationExtension.class)
class StatusBarMessageTest {
    private WindowFixture fx;
    private Stage stage;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fx = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(fx::close);
    }

    @Test
    void aLongDivergenceSentenceIsEllipsizedInTheBarAndWholeInTheTooltip() throws Exception {
        // given SGD at a learning rate of 10,000, which diverges at step 3, in a window 900 px wide
        onFx(() -> {
            stage.setWidth(900);
            return null;
        });
        String json = Files.readString(Path.of("sample-data/spiral-sgd-vs-adam.json"))
                .replace("\"epochs\": 100", "\"epochs\": 4")
                .replace("\"learningRate\": 0.05", "\"learningRate\": 10000");
        Path file = dir.resolve("diverging.json");
        Files.writeString(file, json);
        onFx(() -> {
            fx.project.open(file);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        // when it trains and diverges
        onFx(() -> {
            fx.session.train();
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        String sentence = onFx(() -> fx.session.divergence(0).sentence());
        Label message = (Label) stage.getScene().lookup("#status-message");
        assertNotNull(message, "the status bar's message label");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> sentence.equals(message.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        // then the bar shows its start with an ellipsis, inside the window, the backend label still whole
        double sceneWidth = onFx(() -> stage.getScene().getWidth());
        Bounds bounds = onFx(() -> message.localToScene(message.getLayoutBounds()));
        assertTrue(bounds.getMaxX() <= sceneWidth + 0.5, "the message ends at " + bounds.getMaxX() + " in a window "
                + sceneWidth + " wide");
        String shown = onFx(() -> ((Text) message.lookup(".text")).getText());
        String ellipsis = message.getEllipsisString();
        assertTrue(shown.length() < sentence.length() && shown.endsWith(ellipsis)
                && sentence.startsWith(shown.substring(0, shown.length() - ellipsis.length())),
                "shown: '" + shown + "' of: '" + sentence + "'");
        Label backend = (Label) stage.getScene().lookup("#backend");
        Bounds backendBounds = onFx(() -> backend.localToScene(backend.getLayoutBounds()));
        assertTrue(backendBounds.getMaxX() <= sceneWidth + 0.5 && backendBounds.getMinX() >= bounds.getMaxX(),
                "the backend label at " + backendBounds + ", the message ends at " + bounds.getMaxX());
        assertEquals(onFx(backend::getText), onFx(() -> ((Text) backend.lookup(".text")).getText()),
                "the backend label is cut");
        // and its tooltip holds the whole sentence
        assertNotNull(message.getTooltip(), "the message has a tooltip");
        assertEquals(sentence, onFx(() -> message.getTooltip().getText()));
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }
}
