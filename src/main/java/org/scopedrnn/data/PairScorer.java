package org.scopedrnn.data;

import java.io.Serializable;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Scores seq2seq validation minibatches on an executor: the summed negative log-likelihood (nats)
 * of every unmasked label of {@code batch} (target characters and END) under the model that
 * {@code params} describes. The trainer implements it, as {@link BatchScorer} for the char corpus.
 *
 * @param <P> what the trainer broadcasts to describe the model
 */
@FunctionalInterface
public interface PairScorer<P> extends Serializable {
    double nllSum(P params, MultiDataSet batch);
}
