package dev.descent.engine.graph;

import dev.descent.engine.vocab.Shown;

/** A connection carrying one node's output to another node's input. */
public record Edge(String from, String to) {

    /** "from → to", each id as {@link Shown} shows it in messages. */
    @Override
    public String toString() {
        return Shown.text(from) + " → " + Shown.text(to);
    }
}
