package dev.descent.engine.train;

import java.util.Locale;

/**
 * How fast a comparison may step: at most {@code perSecond} comparison steps a second (each run takes
 * one step per comparison step, so all runs advance together), or {@link #FULL_SPEED}, no limit. A slow
 * rate lets a class follow a run step by step; it never changes what a step computes.
 *
 * @param perSecond steps a second, or 0 for full speed
 */
public record StepRate(double perSecond) {
    /** No limit: the runs step as fast as the machine allows. */
    public static final StepRate FULL_SPEED = new StepRate(0);
    /** The fastest limit accepted; beyond it the limit would cost more than it slows. */
    public static final double MOST_PER_SECOND = 1000;

    public StepRate {
        if (!(perSecond == 0 || perSecond > 0 && perSecond <= MOST_PER_SECOND)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a step rate must be between 0 and %,.0f steps/s (0 is full speed), got %s",
                    MOST_PER_SECOND, perSecond));
        }
    }

    /** At most {@code perSecond} steps a second (0: full speed). */
    public static StepRate perSecond(double perSecond) {
        return perSecond == 0 ? FULL_SPEED : new StepRate(perSecond);
    }

    /** Whether there is no limit. */
    public boolean isFullSpeed() {
        return perSecond == 0;
    }

    /** Nanoseconds between two comparison steps, 1e9 / perSecond (0 at full speed). */
    public long intervalNanos() {
        return isFullSpeed() ? 0 : Math.round(1e9 / perSecond);
    }

    /** "5 steps/s", "1 step/s" or "Full speed". */
    public String label() {
        if (isFullSpeed()) {
            return "Full speed";
        }
        String n = perSecond == Math.rint(perSecond) ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%s", perSecond);
        return n + (perSecond == 1 ? " step/s" : " steps/s");
    }
}
