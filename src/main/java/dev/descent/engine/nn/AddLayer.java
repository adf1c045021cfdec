package dev.descent.engine.nn;

/** Residual merge: y = x₁ + x₂ + …; backward passes ∂L/∂y unchanged to every input. */
final class AddLayer implements Layer {
    private final String id;
    private final int width;

    AddLayer(String id, int width) {
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
        return new LayerPass(binding.buffer(width), binding.gradientBuffer(width), binding.inputs(),
                binding.accumulate()) {
            @Override
            void forward(boolean training) {
                output.assign(inputs.get(0).output);
                for (int i = 1; i < inputs.size(); i++) {
                    output.addi(inputs.get(i).output);
                }
            }

            @Override
            void backward() {
                for (int i = 0; i < inputs.size(); i++) {
                    sendGradient(i, gradient);
                }
            }
        };
    }
}
