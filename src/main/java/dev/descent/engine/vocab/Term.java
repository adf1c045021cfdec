package dev.descent.engine.vocab;

import java.util.List;
import java.util.Optional;

/**
 * One entry of Descent's vocabulary: an initializer, activation, input normalizer, loss, optimizer or
 * schedule. Its {@link #id()} is the same name in experiment files, on the command line and in the
 * window; its {@link #explained()} text feeds Javadoc and tooltips alike.
 */
public interface Term {

    /** The name used in files, the CLI and the window, e.g. {@code "leaky_relu"}. */
    String id();

    /** Title, summary, formula and source. */
    Explained explained();

    /** The parameters this entry accepts, with defaults and valid ranges. */
    List<Param> params();

    /** The parameter called {@code key}, if this entry has one. */
    default Optional<Param> param(String key) {
        return params().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /**
     * Reads the {@link Explained} annotation of an enum constant, or failing that of the class that
     * implements it, so a hand-written implementation documents itself in one place.
     */
    static Explained explainedOf(Enum<?> constant, Class<?> implementation) {
        try {
            Explained onConstant = constant.getDeclaringClass().getField(constant.name()).getAnnotation(Explained.class);
            if (onConstant != null) {
                return onConstant;
            }
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        if (implementation != null && implementation.isAnnotationPresent(Explained.class)) {
            return implementation.getAnnotation(Explained.class);
        }
        throw new IllegalStateException("No @Explained text for " + constant);
    }
}
