package dev.descent.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A Python call in the generated code, {@code function(arg, ...)}, laid out like black would: on one line
 * when it fits in the column limit, otherwise with its arguments packed on indented continuation lines.
 *
 * @param function the callee, e.g. {@code torch.optim.SGD}
 * @param args     the arguments as Python text, e.g. {@code lr=0.1}
 */
record Call(String function, List<String> args) {
    /** Column limit of the generated code. */
    static final int WIDTH = 100;

    Call {
        args = List.copyOf(args);
    }

    static Call of(String function, String... args) {
        return new Call(function, List.of(args));
    }

    /** The call as one expression on one line. */
    String inline() {
        return function + "(" + String.join(", ", args) + ")";
    }

    /**
     * The call as a statement: {@code lead} (such as {@code "return "}) then the call, at {@code indent}
     * spaces, ending in a newline.
     */
    String statement(int indent, String lead) {
        String pad = " ".repeat(indent);
        String one = pad + lead + inline();
        if (one.length() <= WIDTH) {
            return one + "\n";
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            tokens.add(args.get(i) + (i < args.size() - 1 ? "," : ")"));
        }
        return pad + lead + function + "(\n" + Py.pack(tokens, WIDTH, " ".repeat(indent + 4));
    }
}
