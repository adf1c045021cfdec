package dev.descent.engine.nn;

/**
 * One node of a compiled {@link Network}: holds its views of the flat parameter and gradient vectors and
 * makes {@link LayerPass}es for any batch size. Layers without parameters hold nothing.
 */
interface Layer {

    /** The node's id. */
    String id();

    /** Output width. */
    int width();

    /** Number of trainable values (0 for parameter-free nodes). */
    default long parameterCount() {
        return 0;
    }

    /** Makes this node's buffers and work for one batch size. */
    LayerPass bind(Binding binding);
}
