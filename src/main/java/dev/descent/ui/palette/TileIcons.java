package dev.descent.ui.palette;

import java.util.Map;

/**
 * The icon of every tile, an Ikonli Material Design 2 code (ikonli-materialdesign2-pack), chosen so the
 * tiles of one section look different and hint at what they do: a hinge for ReLU, a row and a column for
 * layer and batch norm, a box for a uniform initializer and a circle for the matching normal one. A tile
 * with no entry here shows its family's icon.
 */
final class TileIcons {
    private TileIcons() {
    }

    private static final Map<Tile.Kind, Map<String, String>> ICONS = Map.of(
            Tile.Kind.LAYER, Map.of(
                    "input", "mdi2l-login",
                    "dense", "mdi2d-dots-grid",
                    "dropout", "mdi2g-grain",
                    "add", "mdi2p-plus-circle-outline",
                    "activation", "mdi2f-function-variant",
                    "loss", "mdi2t-target"),
            Tile.Kind.NORMALIZATION_LAYER, Map.of(
                    "batch_norm", "mdi2t-table-column",
                    "layer_norm", "mdi2t-table-row"),
            Tile.Kind.INPUT_NORMALIZER, Map.of(
                    "none", "mdi2m-minus-circle-outline",
                    "min_max", "mdi2a-arrow-collapse-vertical",
                    "standardize", "mdi2s-sigma-lower",
                    "pixel", "mdi2i-image-outline"),
            Tile.Kind.INITIALIZER, Map.ofEntries(
                    Map.entry("zeros", "mdi2n-numeric-0-box-outline"),
                    Map.entry("constant", "mdi2e-equal-box"),
                    Map.entry("uniform", "mdi2d-dice-5-outline"),
                    Map.entry("normal", "mdi2c-chart-bell-curve"),
                    Map.entry("xavier_uniform", "mdi2a-alpha-x-box-outline"),
                    Map.entry("xavier_normal", "mdi2a-alpha-x-circle-outline"),
                    Map.entry("he_uniform", "mdi2a-alpha-h-box-outline"),
                    Map.entry("he_normal", "mdi2a-alpha-h-circle-outline"),
                    Map.entry("lecun_uniform", "mdi2a-alpha-l-box-outline"),
                    Map.entry("lecun_normal", "mdi2a-alpha-l-circle-outline"),
                    Map.entry("orthogonal", "mdi2a-angle-right")),
            Tile.Kind.ACTIVATION, Map.ofEntries(
                    Map.entry("identity", "mdi2v-vector-line"),
                    Map.entry("sigmoid", "mdi2c-chart-bell-curve-cumulative"),
                    Map.entry("tanh", "mdi2w-wave"),
                    Map.entry("relu", "mdi2a-angle-obtuse"),
                    Map.entry("leaky_relu", "mdi2v-vector-polyline"),
                    Map.entry("elu", "mdi2v-vector-curve"),
                    Map.entry("selu", "mdi2s-scale-balance"),
                    Map.entry("gelu", "mdi2c-chart-bell-curve"),
                    Map.entry("swish", "mdi2w-weather-windy"),
                    Map.entry("softplus", "mdi2c-chart-areaspline"),
                    Map.entry("softmax", "mdi2c-chart-pie")),
            Tile.Kind.OPTIMIZER, Map.ofEntries(
                    Map.entry("sgd", "mdi2t-trending-down"),
                    Map.entry("momentum", "mdi2r-run-fast"),
                    Map.entry("nesterov", "mdi2b-binoculars"),
                    Map.entry("rmsprop", "mdi2s-square-root"),
                    Map.entry("adagrad", "mdi2s-sigma"),
                    Map.entry("adadelta", "mdi2d-delta"),
                    Map.entry("adam", "mdi2r-rocket-launch-outline"),
                    Map.entry("adamw", "mdi2w-weight"),
                    Map.entry("adamax", "mdi2f-format-vertical-align-top"),
                    Map.entry("nadam", "mdi2r-rocket-outline"),
                    Map.entry("amsgrad", "mdi2s-stairs-up")),
            Tile.Kind.SCHEDULE, Map.of(
                    "constant", "mdi2m-minus",
                    "step", "mdi2s-stairs-down",
                    "exponential", "mdi2e-exponent",
                    "inverse_time", "mdi2t-timer-sand",
                    "polynomial", "mdi2f-format-superscript",
                    "cosine", "mdi2s-sine-wave",
                    "one_cycle", "mdi2t-triangle-outline",
                    "plateau", "mdi2t-terrain",
                    "warmup", "mdi2f-fire"),
            Tile.Kind.LOSS, Map.of(
                    "mse", "mdi2s-square-outline",
                    "mae", "mdi2r-ruler",
                    "huber", "mdi2s-shield-half-full",
                    "binary_cross_entropy", "mdi2c-contrast-circle",
                    "cross_entropy", "mdi2b-bullseye-arrow"));

    private static final Map<Tile.Kind, String> FAMILY = Map.of(
            Tile.Kind.LAYER, "mdi2l-layers-outline",
            Tile.Kind.NORMALIZATION_LAYER, "mdi2c-chart-bell-curve",
            Tile.Kind.INPUT_NORMALIZER, "mdi2a-arrow-collapse-vertical",
            Tile.Kind.INITIALIZER, "mdi2d-dice-5-outline",
            Tile.Kind.ACTIVATION, "mdi2f-function-variant",
            Tile.Kind.OPTIMIZER, "mdi2t-trending-down",
            Tile.Kind.SCHEDULE, "mdi2s-stairs-down",
            Tile.Kind.LOSS, "mdi2t-target");

    /** The icon code of {@code tile}. */
    static String of(Tile tile) {
        return ICONS.getOrDefault(tile.kind(), Map.of()).getOrDefault(tile.id(), FAMILY.get(tile.kind()));
    }
}
