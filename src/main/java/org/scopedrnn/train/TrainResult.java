package org.scopedrnn.train;

import org.apache.hadoop.fs.Path;

/**
 * What a finished training run leaves behind.
 *
 * @param lastCheckpoint the newest checkpoint
 * @param validation nats/char on the held-out text after the last epoch (NaN without validation)
 * @param step minibatches trained in total
 * @param sample text sampled after training (empty if sampling was off)
 */
public record TrainResult(Path lastCheckpoint, double validation, long step, String sample) {
}
