package dev.descent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private WindowFixture fx;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(fx::close);
    }

    @Test
    void theWindowOpensWithTheExampleAndEnablesTrainOnceTheEngineIsReady(FxRobot robot) throws Exception {
        // given the window as it opens, then ND4J and the data become ready in the background
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.waitForFxEvents();
        // then
        Button train = robot.lookup("#train").queryButton();
        assertFalse(train.isDisabled(), "Train is enabled; blocked because: " + fx.session.blockedReason());
        assertTrue(robot.window(0).getScene().getWindow() instanceof Stage);
        assertEquals("Spiral: SGD vs Adam (not saved) — Descent", ((Stage) robot.window(0)).getTitle());
    }
}
