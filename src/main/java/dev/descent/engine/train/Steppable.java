package dev.descent.engine.train;

/**
 * What {@link RunWorkers} drives: one run ({@link RunTrainer}) or a group of members trained as one
 * stacked computation ({@link MemberGroup}). Held by one worker at a time; the workers call:
 * <ol>
 *   <li>{@link #serveRequests()} whenever {@link #hasRequests()}, even after training ended;</li>
 *   <li>{@link #open()} once, first; false means it already ended;</li>
 *   <li>then, by the control's decision, {@link #advance()} (false once it ended), {@link #paused()} once
 *       per pause, {@link #resumed()} after it, or {@link #stop()}.</li>
 * </ol>
 */
interface Steppable {
    boolean hasRequests();

    void serveRequests();

    boolean open();

    boolean advance();

    void paused();

    void resumed();

    void stop();

    /** Steps taken so far (for lockstep in time). */
    int stepsTaken();

    /** Steps it takes in all once opened (0 before): with {@link #stepsTaken()}, how far along it is. */
    int totalSteps();
}
