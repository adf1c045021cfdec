package dev.descent.engine.optim;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One per-parameter state vector of an update rule, described for a reader: every optimizer reports
 * its state through {@link UpdateRule#stateVectors()} as a list of these, so a view or a file needs no
 * knowledge of any one optimizer (momentum's velocity v, RMSprop's and Adagrad's accumulator s, Adam's
 * moments m and v...).
 *
 * @param symbol  its name in the rule's formula ({@code "m"}, {@code "v"}, {@code "s"})
 * @param meaning what it holds, in one short line
 * @param values  the live state, one value per parameter (a vector of P values or a [1, P] row, as the
 *                rule keeps it; the run's thread writes it every step: read it there, or copy it out)
 */
public record StateVector(String symbol, String meaning, INDArray values) {
    public StateVector {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(values, "values");
    }
}
