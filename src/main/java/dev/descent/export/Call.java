package dev.descent.export;

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
        String inner = " ".repeat(indent + 4);
        StringBuilder b = new StringBuilder(pad).append(lead).append(function).append("(\n");
        StringBuilder line = new StringBuilder(inner);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i) + (i < args.size() - 1 ? "," : ")");
            if (line.length() > inner.length() && line.length() + 1 + arg.length() > WIDTH) {
                b.append(line).append('\n');
                line.setLength(0);
                line.append(inner);
            }
            if (line.length() > inner.length()) {
                line.append(' ');
            }
            line.append(arg);
        }
        return b.append(line).append('\n').toString();
    }
}
