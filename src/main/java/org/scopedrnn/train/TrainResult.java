package org.scopedrnn.train;

import org.apache.hadoop.fs.Path;

/**
 * What a finished training run leaves behind.
 *
 * @param lastCheckpoint the newest checkpoint
 * @param validation nats/char on the held-out text after the last epoch (NaN without validation)
 * @param step minibatches trained in total
 * @param sample text sampled after training (empty if sampling was off or training stopped early)
 * @param stoppedAtWallTime training stopped before the end at {@code --max-wall-time}; the last
 *     checkpoint holds where it stopped, and {@code --resume} continues from there
 */
public record TrainResult(Path lastCheckpoint, double validation, long step, String sample,
        boolean stoppedAtWallTime) {
}
