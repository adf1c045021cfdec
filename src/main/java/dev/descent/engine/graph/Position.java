package dev.descent.engine.graph;

/** Where a node sits on the window's canvas, in canvas units. The engine ignores it. */
public record Position(double x, double y) {
}
