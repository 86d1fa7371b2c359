package org.scopedrnn.data;

import java.io.Serializable;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Scores validation minibatches on an executor: the summed negative log-likelihood (nats) of every
 * label of {@code batch} under the model that {@code params} describes (dropout off). Models live
 * outside this package, so the trainer supplies the implementation; it may cache the model it
 * builds from {@code params} per executor, since every task of one validation pass gets the same
 * broadcast value.
 *
 * @param <P> what the trainer broadcasts to describe the model (its spec and parameters)
 */
@FunctionalInterface
public interface BatchScorer<P> extends Serializable {
    double nllSum(P params, DataSet batch);
}
