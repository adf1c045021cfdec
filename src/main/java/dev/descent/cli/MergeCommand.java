package dev.descent.cli;

import dev.descent.engine.data.DataException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent merge OUT DIR...}: joins the output directories of {@code descent run --shard i/n} into
 * OUT/metrics.csv and OUT/summary.json, identical to those of the run without shards (each member's rows
 * in the stable member order; the summary's figures recomputed over all members). Everything is checked
 * before anything is written: every DIR a shard of the same experiment (same fingerprint) with the same
 * shard count, every shard there once.
 */
@Command(name = "merge",
        mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Joins the output directories of 'descent run FILE --shard I/N' (every shard once) into"
                + " OUT/metrics.csv and OUT/summary.json, as one run without shards writes them.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "The directory to write.")
    Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DIR", description = "The shards' output directories.")
    List<Path> shards;

    @Spec
    CommandSpec spec;

    /** One member's rows in a shard's metrics.csv: bytes {@code start} to {@code end}. */
    private record Block(Path file, long start, long end) {
    }

    @Override
    public Integer call() throws BadInputException {
        List<Summary.Contents> summaries = new ArrayList<>();
        String header = null;
        Map<Integer, Block> blocks = new HashMap<>();
        Summary.Contents first = null;
        Map<Integer, Path> seenShards = new HashMap<>();
        for (Path dir : shards) {
            Summary.Contents s = summary(dir);
            if (s.shard() == null) {
                throw new BadInputException(dir.toString(), "was not run with --shard; merge joins the directories of"
                        + " 'descent run FILE --shard I/N', one per shard");
            }
            if (first == null) {
                first = s;
            } else if (!s.fingerprint().equals(first.fingerprint())) {
                throw new BadInputException(dir.toString(), "holds the results of another experiment than "
                        + shards.get(0) + " (a different file, or other --steps); merge only the shards of one experiment");
            } else if (s.shard().count() != first.shard().count()) {
                throw new BadInputException(dir.toString(), "is shard " + s.shard().index() + "/" + s.shard().count()
                        + ", but " + shards.get(0) + " is one of " + first.shard().count() + " shards; merge shards of one split");
            }
            Path earlier = seenShards.putIfAbsent(s.shard().index(), dir);
            if (earlier != null) {
                throw new BadInputException(dir.toString(), "is shard " + s.shard().index() + "/" + s.shard().count()
                        + " again (as " + earlier + "); give every shard once");
            }
            summaries.add(s);
            Path metrics = dir.resolve("metrics.csv");
            String own;
            try {
                own = scan(metrics, s, blocks);
            } catch (IOException e) {
                throw new BadInputException(metrics.toString(), "cannot read it: " + DataException.reasonOf(e));
            }
            if (header == null) {
                header = own;
            } else if (!header.equals(own)) {
                throw new BadInputException(metrics.toString(), "has other columns than " + shards.get(0)
                        + "/metrics.csv; it is not a shard of the same experiment");
            }
        }
        int count = first.shard().count();
        for (int i = 0; i < count; i++) {
            if (!seenShards.containsKey(i) && i < first.shard().members()) {
                throw new BadInputException("merge", "shard " + i + "/" + count + " is missing; give the directory of"
                        + " every shard, 0 to " + (count - 1));
            }
        }
        List<Summary.Member> members = new ArrayList<>();
        summaries.forEach(s -> members.addAll(s.members()));
        members.sort(Comparator.comparingInt(Summary.Member::index));
        try {
            Files.createDirectories(out);
            write(out.resolve("metrics.csv"), header, members, blocks);
            Summary.write(out.resolve("summary.json"), first.experiment(), first.fingerprint(), null, members);
        } catch (IOException e) {
            throw new BadInputException(out.toString(), "cannot write the merged results: " + DataException.reasonOf(e));
        }
        spec.commandLine().getErr().println("merged " + shards.size() + " shards (" + members.size() + " members) into "
                + out.resolve("metrics.csv") + " and " + out.resolve("summary.json"));
        return 0;
    }

    private static Summary.Contents summary(Path dir) throws BadInputException {
        Path file = dir.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(dir.toString(), "has no summary.json; give the --out directory of a finished"
                    + " 'descent run FILE --shard I/N'");
        }
        try {
            return Summary.read(file);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file.toString(), "cannot read it: " + (e instanceof IOException io
                    ? DataException.reasonOf(io) : "it is not a summary written by descent run"));
        }
    }

    /**
     * Finds each member's rows in a shard's metrics.csv (a member's rows follow each other) and returns
     * its header line.
     */
    private static String scan(Path metrics, Summary.Contents summary, Map<Integer, Block> blocks) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        for (Summary.Member m : summary.members()) {
            index.put(m.run() + "\u0000" + m.member(), m.index());
        }
        String header;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(metrics), 1 << 16)) {
            StringBuilder line = new StringBuilder();
            long position = 0;
            long lineStart = 0;
            header = null;
            String current = null;
            long blockStart = 0;
            for (int c = in.read(); c >= 0; c = in.read()) {
                position++;
                if (c != '\n') {
                    if (line.length() < 4096) {
                        line.append((char) c); // the key sits in the first two cells; the rest is copied as bytes
                    }
                    continue;
                }
                if (header == null) {
                    header = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                } else {
                    String key = key(line.toString());
                    if (!key.equals(current)) {
                        close(metrics, current, blockStart, lineStart, index, blocks);
                        current = key;
                        blockStart = lineStart;
                    }
                }
                line.setLength(0);
                lineStart = position;
            }
            close(metrics, current, blockStart, lineStart, index, blocks);
            if (line.length() > 0) {
                throw new IOException("it ends inside a row; the shard did not finish (run descent recover on it, or run"
                        + " the shard again)");
            }
        }
        if (header == null) {
            throw new IOException("it is empty");
        }
        return header;
    }

    private static void close(Path metrics, String key, long start, long end, Map<String, Integer> index,
                              Map<Integer, Block> blocks) throws IOException {
        if (key == null) {
            return;
        }
        Integer member = index.get(key);
        if (member == null || blocks.containsKey(member)) {
            throw new IOException("its rows of run '" + key.replace('\u0000', '#') + "' do not match its summary.json");
        }
        blocks.put(member, new Block(metrics, start, end));
    }

    /** The run and member cells of a row (bytes read as Latin-1, turned back into UTF-8 text). */
    private static String key(String row) {
        String text = new String(row.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        String run;
        int rest;
        if (text.startsWith("\"")) {
            StringBuilder b = new StringBuilder();
            int i = 1;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    b.append('"');
                    i += 2;
                } else if (c == '"') {
                    i++;
                    break;
                } else {
                    b.append(c);
                    i++;
                }
            }
            run = b.toString();
            rest = i + 1;
        } else {
            int comma = text.indexOf(',');
            run = text.substring(0, Math.max(0, comma));
            rest = comma + 1;
        }
        int next = text.indexOf(',', rest);
        return run + "\u0000" + (next < 0 ? text.substring(rest) : text.substring(rest, next));
    }

    /** The header, then each member's rows in member order; written beside the target and moved over it. */
    private static void write(Path target, String header, List<Summary.Member> members, Map<Integer, Block> blocks)
            throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel to = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            to.write(java.nio.ByteBuffer.wrap((header + "\n").getBytes(StandardCharsets.UTF_8)));
            for (Summary.Member m : members) {
                Block b = blocks.get(m.index());
                if (b == null) {
                    continue; // a member that stopped before its first step has no rows
                }
                try (FileChannel from = FileChannel.open(b.file(), StandardOpenOption.READ)) {
                    long at = b.start();
                    while (at < b.end()) {
                        at += from.transferTo(at, b.end() - at, to);
                    }
                }
            }
            to.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
