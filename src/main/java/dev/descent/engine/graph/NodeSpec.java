package dev.descent.engine.graph;

import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Param;

/**
 * One node of a network as written in an experiment file: its kind, its settings and, optionally,
 * its place on the canvas. Immutable; edits make new specs.
 */
public sealed interface NodeSpec {

    /** Unique name within the network, used by edges, metrics and messages. */
    String id();

    /** The kind of node. */
    NodeType type();

    /** Canvas position, or {@code null} when the file gives none. */
    Position position();

    /** The same node under another name. */
    NodeSpec withId(String id);

    /** The same node at another canvas position. */
    NodeSpec withPosition(Position position);

    /**
     * The value of one of its type's number or switch settings ({@link NodeType#params()}); a switch is 1
     * or 0.
     *
     * @throws IllegalArgumentException if its type has no such setting
     */
    default double value(Param param) {
        throw new IllegalArgumentException(type().id() + " has no setting " + param.key());
    }

    /**
     * The same node with one of its type's number or switch settings changed (a whole number for an
     * integer setting, 1 or 0 for a switch); the value is not checked: the validator says what is wrong.
     *
     * @throws IllegalArgumentException if its type has no such setting
     */
    default NodeSpec with(Param param, double value) {
        throw new IllegalArgumentException(type().id() + " has no setting " + param.key());
    }

    /** Its one choice ({@link NodeType#choiceKey()}: a dense node's initializer, a function), or null. */
    default Choice<?> choice() {
        return null;
    }

    /**
     * The same node with its choice replaced by {@code choice}, which must be of its type's
     * {@link NodeType#choiceKind() kind}.
     */
    default NodeSpec withChoice(Choice<?> choice) {
        throw new IllegalArgumentException(type().id() + " has no choice");
    }

    /** Where examples enter. */
    record Input(String id, Position position) implements NodeSpec {
        public NodeType type() {
            return NodeType.INPUT;
        }

        public Input withId(String id) {
            return new Input(id, position);
        }

        public Input withPosition(Position position) {
            return new Input(id, position);
        }
    }

    /**
     * y = x·W + b with W of shape [inputs, units].
     *
     * @param units number of outputs
     * @param init  how W is initialized (b starts at zero)
     * @param bias  whether the layer adds b
     */
    record Dense(String id, int units, Choice<Initializer> init, boolean bias, Position position) implements NodeSpec {
        public NodeType type() {
            return NodeType.DENSE;
        }

        public Dense withId(String id) {
            return new Dense(id, units, init, bias, position);
        }

        public Dense withPosition(Position position) {
            return new Dense(id, units, init, bias, position);
        }

        public Dense withUnits(int units) {
            return new Dense(id, units, init, bias, position);
        }

        public Dense withInit(Choice<Initializer> init) {
            return new Dense(id, units, init, bias, position);
        }

        public Dense withBias(boolean bias) {
            return new Dense(id, units, init, bias, position);
        }

        @Override
        public double value(Param param) {
            if (param == NodeType.UNITS) {
                return units;
            }
            if (param == NodeType.BIAS) {
                return bias ? 1 : 0;
            }
            return NodeSpec.super.value(param);
        }

        @Override
        public Dense with(Param param, double value) {
            if (param == NodeType.UNITS) {
                return withUnits((int) value);
            }
            if (param == NodeType.BIAS) {
                return withBias(value != 0);
            }
            throw new IllegalArgumentException("dense has no setting " + param.key());
        }

        @Override
        public Choice<Initializer> choice() {
            return init;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Dense withChoice(Choice<?> choice) {
            return withInit((Choice<Initializer>) NodeType.DENSE.checkedChoice(choice));
        }
    }

    /** Applies {@code function} element-wise. */
    record Activation(String id, Choice<ActivationFunction> function, Position position) implements NodeSpec {
        public NodeType type() {
            return NodeType.ACTIVATION;
        }

        public Activation withId(String id) {
            return new Activation(id, function, position);
        }

        public Activation withPosition(Position position) {
            return new Activation(id, function, position);
        }

        public Activation withFunction(Choice<ActivationFunction> function) {
            return new Activation(id, function, position);
        }

        @Override
        public Choice<ActivationFunction> choice() {
            return function;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Activation withChoice(Choice<?> choice) {
            return withFunction((Choice<ActivationFunction>) NodeType.ACTIVATION.checkedChoice(choice));
        }
    }

    /**
     * Batch normalization over the minibatch, per feature; its defaults ({@link NodeType#MOMENTUM},
     * {@link NodeType#EPS}) are torch.nn.BatchNorm1d's.
     *
     * @param momentum weight of the newest batch in the running statistics used for evaluation (torch's momentum)
     * @param eps      added to the variance before the square root
     */
    record BatchNorm(String id, double momentum, double eps, Position position) implements NodeSpec {

        public NodeType type() {
            return NodeType.BATCH_NORM;
        }

        public BatchNorm withId(String id) {
            return new BatchNorm(id, momentum, eps, position);
        }

        public BatchNorm withPosition(Position position) {
            return new BatchNorm(id, momentum, eps, position);
        }

        @Override
        public double value(Param param) {
            if (param == NodeType.MOMENTUM) {
                return momentum;
            }
            if (param == NodeType.EPS) {
                return eps;
            }
            return NodeSpec.super.value(param);
        }

        @Override
        public BatchNorm with(Param param, double value) {
            if (param == NodeType.MOMENTUM) {
                return new BatchNorm(id, value, eps, position);
            }
            if (param == NodeType.EPS) {
                return new BatchNorm(id, momentum, value, position);
            }
            throw new IllegalArgumentException("batch_norm has no setting " + param.key());
        }
    }

    /** Layer normalization over each example's features. */
    record LayerNorm(String id, Position position) implements NodeSpec {
        public NodeType type() {
            return NodeType.LAYER_NORM;
        }

        public LayerNorm withId(String id) {
            return new LayerNorm(id, position);
        }

        public LayerNorm withPosition(Position position) {
            return new LayerNorm(id, position);
        }
    }

    /**
     * Inverted dropout during training, identity during evaluation.
     *
     * @param rate probability p of zeroing a value, in [0, 1)
     */
    record Dropout(String id, double rate, Position position) implements NodeSpec {
        public NodeType type() {
            return NodeType.DROPOUT;
        }

        public Dropout withId(String id) {
            return new Dropout(id, rate, position);
        }

        public Dropout withPosition(Position position) {
            return new Dropout(id, rate, position);
        }

        public Dropout withRate(double rate) {
            return new Dropout(id, rate, position);
        }

        @Override
        public double value(Param param) {
            return param == NodeType.RATE ? rate : NodeSpec.super.value(param);
        }

        @Override
        public Dropout with(Param param, double value) {
            if (param == NodeType.RATE) {
                return withRate(value);
            }
            throw new IllegalArgumentException("dropout has no setting " + param.key());
        }
    }

    /** Sums two or more inputs of equal width. */
    record Add(String id, Position position) implements NodeSpec {
        public NodeType type() {
            return NodeType.ADD;
        }

        public Add withId(String id) {
            return new Add(id, position);
        }

        public Add withPosition(Position position) {
            return new Add(id, position);
        }
    }

    /** The training objective, fed by the network output. */
    record Loss(String id, Choice<LossFunction> function, Position position) implements NodeSpec {
        public NodeType type() {
            return NodeType.LOSS;
        }

        public Loss withId(String id) {
            return new Loss(id, function, position);
        }

        public Loss withPosition(Position position) {
            return new Loss(id, function, position);
        }

        public Loss withFunction(Choice<LossFunction> function) {
            return new Loss(id, function, position);
        }

        @Override
        public Choice<LossFunction> choice() {
            return function;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Loss withChoice(Choice<?> choice) {
            return withFunction((Choice<LossFunction>) NodeType.LOSS.checkedChoice(choice));
        }
    }
}
