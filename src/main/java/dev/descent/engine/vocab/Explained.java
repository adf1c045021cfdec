package dev.descent.engine.vocab;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The human text of one vocabulary entry: what it is called, what it does in one line, the formula it
 * computes and where that formula comes from.
 *
 * <p>It is {@link Documented}, so the generated Javadoc of every annotated entry states its formula, and
 * it is kept at run time, so the window's palette tooltips show exactly the same text. One source, two
 * readers: the code and the window cannot disagree.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.TYPE})
public @interface Explained {
    /** Display name, e.g. "Leaky ReLU". */
    String title();

    /** One sentence on what it does and when it matters. */
    String summary();

    /** The formula in plain text (Unicode), e.g. "f(z) = max(αz, z)". */
    String formula();

    /** Where the formula comes from, in one line. */
    String source();
}
