package dev.descent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.engine.train.Spread;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: per run of the file (per sweep point), the figures of its first member (member 0
 * in a whole run: the run as it trains with one seed), how many members it has and how many diverged,
 * the mean and standard deviation over the members that did not diverge of the final training loss, the
 * final validation loss and the validation accuracy, and every member's own figures. A shard's summary
 * holds its own members and says which shard it is; {@code descent merge} joins shards' summaries.
 */
final class Summary {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The figures averaged over members, as named in the file. */
    static final List<String> AVERAGED = List.of("final_train_loss", "final_val_loss", "val_accuracy");

    private Summary() {
    }

    /**
     * One member's result.
     *
     * @param index   its place in the stable member order of the whole experiment
     * @param run     its run's name (the sweep point's)
     * @param point   the point's swept values, empty without a sweep
     * @param member  its number within the run
     * @param seed    the seed it trained from
     * @param summary how it ended
     * @param divergedNode     where it diverged (a node id), or null
     * @param divergedQuantity what diverged there ({@code loss}, {@code activation}, {@code gradient},
     *                         {@code weights}), or null
     */
    record Member(int index, String run, Map<String, Double> point, int member, long seed, RunSummary summary,
                  String divergedNode, String divergedQuantity) {
    }

    /**
     * Which part of the members a shard trained.
     *
     * @param index   the shard, 0 … count−1
     * @param count   the number of shards
     * @param members the members of the whole experiment
     */
    record Shard(int index, int count, int members) {
    }

    /** A summary read back: what {@link #write} was given. */
    record Contents(String experiment, String fingerprint, Shard shard, List<Member> members) {
    }

    /** Writes {@code members} (in member order) to {@code target}, atomically. {@code shard} is null for a whole run. */
    static void write(Path target, String experiment, String fingerprint, Shard shard, List<Member> members)
            throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("experiment", experiment);
        root.put("fingerprint", fingerprint);
        if (shard != null) {
            ObjectNode s = root.putObject("shard");
            s.put("index", shard.index());
            s.put("count", shard.count());
            s.put("members", shard.members());
        }
        ArrayNode runs = root.putArray("runs");
        Map<String, List<Member>> byRun = new LinkedHashMap<>();
        for (Member m : members) {
            byRun.computeIfAbsent(m.run(), k -> new ArrayList<>()).add(m);
        }
        for (List<Member> group : byRun.values()) {
            Member first = group.get(0);
            ObjectNode r = runs.addObject();
            r.put("name", first.run());
            if (!first.point().isEmpty()) {
                ObjectNode point = r.putObject("point");
                first.point().forEach((key, v) -> {
                    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                        point.put(key, (long) (double) v); // a batch size is 32, not 32.0
                    } else {
                        point.put(key, v);
                    }
                });
            }
            figures(r, first);
            List<Member> kept = group.stream().filter(m -> m.summary().status() != RunStatus.DIVERGED).toList();
            r.put("members", group.size());
            r.put("diverged_members", group.size() - kept.size());
            ObjectNode mean = r.putObject("mean");
            ObjectNode std = r.putObject("std");
            for (String key : AVERAGED) {
                Spread spread = Spread.of(kept.stream().mapToDouble(m -> figure(m.summary(), key)).toArray());
                number(mean, key, spread.mean());
                number(std, key, spread.std());
            }
            ArrayNode each = r.putArray("per_member");
            for (Member m : group) {
                ObjectNode o = each.addObject();
                o.put("index", m.index());
                o.put("member", m.member());
                o.put("seed", m.seed());
                figures(o, m);
            }
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, MAPPER.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Reads a summary written by {@link #write}. */
    static Contents read(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        if (root == null || !root.isObject() || !root.path("runs").isArray() || !root.path("fingerprint").isTextual()) {
            throw new IOException("it is not a summary.json written by this version of descent run");
        }
        Shard shard = null;
        JsonNode s = root.get("shard");
        if (s != null) {
            shard = new Shard(s.path("index").asInt(), s.path("count").asInt(), s.path("members").asInt());
        }
        List<Member> members = new ArrayList<>();
        for (JsonNode r : root.get("runs")) {
            Map<String, Double> point = new LinkedHashMap<>();
            r.path("point").properties().forEach(e -> point.put(e.getKey(), e.getValue().doubleValue()));
            String run = r.path("name").asText();
            for (JsonNode m : r.path("per_member")) {
                RunSummary summary = new RunSummary(run, RunStatus.valueOf(m.path("status").asText()),
                        m.path("steps").asInt(), m.path("diverged_at_step").isNull() ? -1 : m.path("diverged_at_step").asInt(),
                        value(m, "final_train_loss"), value(m, "final_val_loss"), value(m, "best_val_loss"),
                        value(m, "val_accuracy"), value(m, "wall_seconds"), value(m, "steps_per_second"),
                        m.path("message").asText(""));
                members.add(new Member(m.path("index").asInt(), run, point, m.path("member").asInt(),
                        m.path("seed").asLong(), summary, text(m, "diverged_node"), text(m, "diverged_quantity")));
            }
        }
        return new Contents(root.path("experiment").asText(), root.path("fingerprint").asText(), shard, members);
    }

    private static void figures(ObjectNode r, Member m) {
        RunSummary s = m.summary();
        r.put("status", s.status().name());
        r.put("steps", s.steps());
        if (s.divergedAtStep() > 0) {
            r.put("diverged_at_step", s.divergedAtStep());
        } else {
            r.putNull("diverged_at_step");
        }
        r.put("diverged_node", m.divergedNode());
        r.put("diverged_quantity", m.divergedQuantity());
        number(r, "final_train_loss", s.finalTrainLoss());
        number(r, "final_val_loss", s.finalValidationLoss());
        number(r, "best_val_loss", s.bestValidationLoss());
        number(r, "val_accuracy", s.validationAccuracy());
        number(r, "wall_seconds", s.wallSeconds());
        number(r, "steps_per_second", s.stepsPerSecond());
        if (!s.message().isEmpty()) {
            r.put("message", s.message());
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double figure(RunSummary s, String key) {
        return switch (key) {
            case "final_train_loss" -> s.finalTrainLoss();
            case "final_val_loss" -> s.finalValidationLoss();
            default -> s.validationAccuracy();
        };
    }

    private static double value(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? Double.NaN : v.doubleValue();
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
