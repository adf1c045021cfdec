package dev.descent.engine.train;

import dev.descent.engine.ensemble.StackedNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which members of a comparison train stacked ({@link MemberGroup}) and which train alone: the one place
 * that decides. Members stack when they share the network spec, the input normalizer, the batch size (so
 * every step has the same rows for all) and the optimizer type, and {@link StackedNetwork#unsupported}
 * accepts the network and the optimizer (SGD, momentum, Adam, AdamW); hyperparameters (learning rate,
 * momentum, betas, weight decay, clipping) and schedules may differ from member to member.
 *
 * <p>Member 0 of every run that is not swept (and so every such run with one seed) trains on the
 * single-network path: it stays byte for byte the run it was before ensembles existed, and a run trained
 * alone or beside others gives identical metrics (docs/decisions/0003). Members 1 … seeds−1 stack, and so
 * does every member of a sweep point, member 0 too (a point is no earlier run to stay identical to; a sweep of
 * learning rates with one seed is the common case), even a group of one, so that which
 * other members a shard holds never changes a member's path: each member's slice of a stacked step is
 * computed on its own, so shard outputs merge into the unsharded run's bytes. Everything the stacked path
 * cannot do (batch or layer norm, dropout, residual adds, other activations, losses and optimizers, float64) trains member by
 * member, with the same results either way (within 1e-5 relative per step, tested). The system property
 * {@value #PROPERTY}{@code =false} turns stacking off.
 */
final class MemberGroups {
    /** System property: {@code false} trains every member on its own. */
    static final String PROPERTY = "descent.stackedMembers";

    private MemberGroups() {
    }

    /** What members with equal keys share. */
    private record Key(Object network, String normalizer, int batchSize, Object optimizer) {
    }

    /**
     * The units the workers drive, in the order of each unit's first member: groups of stackable members
     * and the other runs alone.
     */
    static List<Steppable> plan(List<RunTrainer> trainers, TrainingConfig training, Map<String, TrainingData> data) {
        boolean on = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").strip());
        Map<Object, List<RunTrainer>> byKey = new LinkedHashMap<>();
        for (RunTrainer trainer : trainers) {
            RunConfig run = trainer.config();
            boolean stackable = on && (run.member() > 0 || run.swept())
                    && StackedNetwork.unsupported(run.network(), training.dataType()) == null
                    && StackedNetwork.unsupported(run.optimizer()) == null;
            Object key = stackable
                    ? new Key(run.network(), run.normalizer().term().id(), run.trainingOf(training).batchSize(),
                    run.optimizer().term())
                    : new Object(); // a key of its own: alone
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(trainer);
        }
        List<Steppable> units = new ArrayList<>();
        for (Map.Entry<Object, List<RunTrainer>> entry : byKey.entrySet()) {
            List<RunTrainer> members = entry.getValue();
            if (!(entry.getKey() instanceof Key)) {
                units.add(members.get(0));
            } else {
                Key key = (Key) entry.getKey();
                units.add(new MemberGroup(members, Objects.requireNonNull(data.get(key.normalizer())), key.batchSize()));
            }
        }
        return units;
    }
}
