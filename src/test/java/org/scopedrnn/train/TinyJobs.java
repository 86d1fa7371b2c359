package org.scopedrnn.train;

import org.scopedrnn.config.TrainingApproach;
import org.scopedrnn.config.LearningRateScaling;
import org.scopedrnn.config.ModelSettings;
import org.scopedrnn.config.DataSettings;
import org.scopedrnn.config.TrainSettings;
import java.nio.file.Path;
import java.util.Map;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;
import org.scopedrnn.sample.SamplingOptions;

/** Char-LSTM jobs small enough to train in seconds on 2 cores. */
final class TinyJobs {

    private TinyJobs() {
    }

    static CharLstmJob job(Path corpus, int epochs, int checkpointEverySteps, int batchSize) {
        return job(corpus, epochs, checkpointEverySteps, batchSize, LearningRateScaling.NONE, 0);
    }

    /** With a learning-rate rule for its 2 workers. */
    static CharLstmJob job(Path corpus, int epochs, int checkpointEverySteps, int batchSize,
            LearningRateScaling scaling, int warmupSteps) {
        var model = new ModelSettings(2, 16, InputKind.ONE_HOT, 0, 0.8, 1.0, "lstm_cell", LstmImpl.FUSED);
        var data = new DataSettings(corpus.toString(), 20, 0.1, 0, Newlines.UNIVERSAL);
        var train = new TrainSettings(epochs, batchSize, 0.01, 5.0, 7L, 2, 2, 0, TrainingApproach.AUTO,
                checkpointEverySteps, 100, 0, 1000, scaling, warmupSteps);
        var sample = new SamplingOptions("The ", 40, 1.0, 5, 7L);
        return new CharLstmJob(model, data, train, sample, "local[2]", Map.of(), Map.of("test", true));
    }
}
