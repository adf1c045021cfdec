package dev.descent.engine.nn;

import java.util.List;

/** Where examples enter: its output buffer is filled with the batch's features. No gradient. */
final class InputLayer implements Layer {
    private final String id;
    private final int width;

    InputLayer(String id, int width) {
        this.id = id;
        this.width = width;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public LayerPass bind(Binding binding) {
        return new LayerPass(binding.buffer(width), null, List.of(), new boolean[0]) {
            @Override
            void forward(boolean training) {
            }

            @Override
            void backward() {
            }
        };
    }
}
