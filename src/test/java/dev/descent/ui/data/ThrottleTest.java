package dev.descent.ui.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThrottleTest {
    private static final long MS = 1_000_000L;

    @Test
    void theFirstRequestMayGoAtOnce() {
        // given a fresh throttle
        Throttle t = new Throttle(300 * MS, 3000 * MS);
        // then
        assertTrue(t.mayAsk(0));
    }

    @Test
    void onlyOneRequestIsOutstanding() {
        // given a request sent and not answered
        Throttle t = new Throttle(300 * MS, 3000 * MS);
        t.sent(0);
        // then no second request, even long after the minimum interval
        assertFalse(t.mayAsk(1000 * MS));
        // when it is answered
        t.answered();
        // then the next may go
        assertTrue(t.mayAsk(1000 * MS));
    }

    @Test
    void answeredRequestsStillKeepTheirDistance() {
        // given a request answered at once
        Throttle t = new Throttle(300 * MS, 3000 * MS);
        t.sent(0);
        t.answered();
        // then the next waits for the minimum interval
        assertFalse(t.mayAsk(100 * MS));
        assertTrue(t.mayAsk(300 * MS));
    }

    @Test
    void aLostRequestStopsBlockingAfterTheTimeout() {
        // given a request that is never answered (the run failed it)
        Throttle t = new Throttle(300 * MS, 3000 * MS);
        t.sent(0);
        // then
        assertFalse(t.mayAsk(2999 * MS));
        assertTrue(t.mayAsk(3000 * MS));
    }
}
