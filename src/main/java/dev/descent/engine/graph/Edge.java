package dev.descent.engine.graph;

/** A connection carrying one node's output to another node's input. */
public record Edge(String from, String to) {

    @Override
    public String toString() {
        return from + " → " + to;
    }
}
