package dev.descent.ui.model;

import dev.descent.engine.train.StepRate;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.beans.property.ObjectProperty;

/**
 * The speeds the window offers for slow motion ({@link TrainingSession#stepRateProperty()}), slowest
 * first, and the one chosen, remembered between sessions like the theme.
 */
public final class StepRates {
    /** 1, 5, 20 and 100 steps/s, then full speed. */
    public static final List<StepRate> CHOICES = List.of(StepRate.perSecond(1), StepRate.perSecond(5),
            StepRate.perSecond(20), StepRate.perSecond(100), StepRate.FULL_SPEED);
    /** Preference key: the chosen steps per second, 0 for full speed. */
    static final String KEY = "stepRate";

    private StepRates() {
    }

    /**
     * Sets {@code rate} to the speed remembered in {@code preferences} (full speed if none, or if it is not
     * one of the {@link #CHOICES}) and remembers every later choice there.
     */
    public static void remember(ObjectProperty<StepRate> rate, Preferences preferences) {
        double stored = preferences.getDouble(KEY, 0);
        rate.set(CHOICES.stream().filter(r -> r.perSecond() == stored).findFirst().orElse(StepRate.FULL_SPEED));
        rate.addListener((o, was, now) -> {
            if (now != null) {
                preferences.putDouble(KEY, now.perSecond());
            }
        });
    }

    /** The next slower choice than {@code rate} (the slowest choice stays). */
    public static StepRate slower(StepRate rate) {
        int at = position(rate);
        return CHOICES.get(Math.max(0, at - 1));
    }

    /** The next faster choice than {@code rate} (full speed stays). */
    public static StepRate faster(StepRate rate) {
        int at = position(rate);
        return CHOICES.get(Math.min(CHOICES.size() - 1, at + 1));
    }

    /** Index of {@code rate} in {@link #CHOICES}, or of the fastest choice below it (full speed is last). */
    private static int position(StepRate rate) {
        if (rate.isFullSpeed()) {
            return CHOICES.size() - 1;
        }
        int at = 0;
        for (int i = 0; i < CHOICES.size() - 1; i++) {
            if (CHOICES.get(i).perSecond() <= rate.perSecond()) {
                at = i;
            }
        }
        return at;
    }
}
