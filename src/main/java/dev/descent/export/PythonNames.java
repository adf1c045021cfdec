package dev.descent.export;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python identifiers for node ids. A Descent id may be any non-empty string ({@code "in"}, {@code "h-1"},
 * {@code "2nd"}); in the script each node is a variable in {@code forward} and, where it has a module, an
 * attribute of the network, so its id becomes a valid identifier that shadows nothing the script uses:
 * other characters become {@code _}, a leading digit gets {@code n_}, a Python keyword or one of the
 * script's own names gets a trailing {@code _}, and a name already taken gets {@code _2}, {@code _3}, ...
 */
final class PythonNames {
    /** Python 3 keywords and soft keywords. */
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "match", "case", "_");
    /** Names the generated code refers to, and Python built-ins a variable should not hide. */
    private static final Set<String> SCRIPT = Set.of("self", "torch", "nn", "lr_scheduler", "forward", "training",
            "math", "csv", "json", "sys", "argparse", "Path", "HERE", "abs", "all", "any", "dict", "divmod",
            "enumerate", "filter", "float", "format", "id", "input", "int", "isinstance", "iter", "len", "list",
            "map", "max", "min", "next", "object", "open", "print", "range", "round", "set", "slice", "str", "sum",
            "super", "tuple", "type", "zip");

    private final Map<String, String> byId = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    /** Names for {@code ids}, assigned in list order so the same network always gets the same names. */
    PythonNames(List<String> ids) {
        for (String id : ids) {
            String name = base(id);
            String unique = name;
            for (int k = 2; taken.contains(unique); k++) {
                unique = name + "_" + k;
            }
            taken.add(unique);
            byId.put(id, unique);
        }
    }

    /** The identifier of node {@code id}. */
    String of(String id) {
        String name = byId.get(id);
        if (name == null) {
            throw new IllegalArgumentException("no name for node '" + id + "'");
        }
        return name;
    }

    private static String base(String id) {
        StringBuilder b = new StringBuilder();
        id.codePoints().forEach(c -> b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? (char) c : '_'));
        String name = b.toString();
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "n_" + name;
        }
        if (KEYWORDS.contains(name) || SCRIPT.contains(name)) {
            name = name + "_";
        }
        return name;
    }
}
