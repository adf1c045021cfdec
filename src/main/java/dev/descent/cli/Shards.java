package dev.descent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code --shard I/N}: which members of the stable member order a shard trains. Member m (0-based, in the
 * order of {@link dev.descent.experiment.PreparedExperiment#members}: run by run, sweep point by point,
 * seed by seed) belongs to shard {@code m mod N}, so shard I trains members I, I+N, I+2N, ... Shards of
 * equal size within one member, and a run's seeds spread over all shards.
 */
final class Shards {
    private Shards() {
    }

    /**
     * A shard.
     *
     * @param index this shard, 0 … count−1
     * @param count the number of shards
     */
    record Spec(int index, int count) {
        /** The members of {@code total} that this shard trains, in order. */
        List<Integer> members(int total) {
            List<Integer> mine = new ArrayList<>();
            for (int m = index; m < total; m += count) {
                mine.add(m);
            }
            return mine;
        }
    }

    /** Every member of {@code total}. */
    static List<Integer> all(int total) {
        return IntStream.range(0, total).boxed().toList();
    }

    /** Reads {@code I/N}. */
    static Spec parse(String text) throws BadInputException {
        String hint = "; give I/N with N >= 1 shards and I from 0 to N-1, e.g. --shard 0/4";
        String[] parts = text.split("/", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,9}") || !parts[1].matches("[0-9]{1,9}")) {
            throw new BadInputException("--shard", "'" + dev.descent.engine.vocab.Shown.text(text) + "' is not I/N" + hint);
        }
        int index = Integer.parseInt(parts[0]);
        int count = Integer.parseInt(parts[1]);
        if (count < 1) {
            throw new BadInputException("--shard", text + " has no shards" + hint);
        }
        if (index >= count) {
            throw new BadInputException("--shard", "shard " + index + " of " + count + " does not exist: shards are"
                    + " numbered 0 to " + (count - 1) + hint);
        }
        return new Spec(index, count);
    }
}
