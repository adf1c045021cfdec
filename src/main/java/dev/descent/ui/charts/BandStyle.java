package dev.descent.ui.charts;

/** How the charts show a run's spread over its members around the mean curve. */
enum BandStyle {
    /** A band from mean − s to mean + s (s the sample standard deviation over members). */
    STD("±1 std"),
    /** A band from the lowest to the highest member. */
    MIN_MAX("min–max"),
    /** Every member as a thin line. */
    MEMBERS("members");

    private final String title;

    BandStyle(String title) {
        this.title = title;
    }

    @Override
    public String toString() {
        return title;
    }
}
