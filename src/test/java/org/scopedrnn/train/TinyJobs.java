package org.scopedrnn.train;

import java.nio.file.Path;
import java.util.Map;
import org.scopedrnn.config.AveragingPeriod;
import org.scopedrnn.config.DataSettings;
import org.scopedrnn.config.LearningRateScaling;
import org.scopedrnn.config.ModelSettings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.config.TrainingApproach;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.data.PairOptions;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;
import org.scopedrnn.sample.SamplingOptions;
import org.scopedrnn.scope.Reuse;

/** Char-LSTM and seq2seq jobs small enough to train in seconds on 2 cores. */
final class TinyJobs {

    /** Short English-French pairs the seq2seq tests write into their pairs files, in turn. */
    static final String[] SOURCES = {"Go.", "Run!", "Hi.", "Stop!", "Wait!", "Help!", "I see.", "Thanks."};
    static final String[] TARGETS = {"Va !", "Cours !", "Salut.", "Arrete !", "Attends !", "A l'aide !",
        "Je vois.", "Merci."};

    private TinyJobs() {
    }

    /** Line {@code i} of a pairs file: source, tab, target, newline. */
    static String pairLine(int i) {
        return SOURCES[i % SOURCES.length] + '\t' + TARGETS[i % TARGETS.length] + '\n';
    }

    static CharLstmJob job(Path corpus, int epochs, int checkpointEverySteps, int batchSize) {
        return job(corpus, epochs, checkpointEverySteps, batchSize, LearningRateScaling.NONE, 0);
    }

    /** With a learning-rate rule for its 2 workers. */
    static CharLstmJob job(Path corpus, int epochs, int checkpointEverySteps, int batchSize,
            LearningRateScaling scaling, int warmupSteps) {
        return job(corpus, epochs, checkpointEverySteps, batchSize, scaling, warmupSteps, AveragingPeriod.fixed(2));
    }

    /** With a learning-rate rule and an averaging period for its 2 workers. */
    static CharLstmJob job(Path corpus, int epochs, int checkpointEverySteps, int batchSize,
            LearningRateScaling scaling, int warmupSteps, AveragingPeriod averaging) {
        var model = new ModelSettings(2, 16, InputKind.ONE_HOT, 0, 0.8, 1.0, "lstm_cell", LstmImpl.FUSED);
        var data = new DataSettings(corpus.toString(), 20, 0.1, 0, Newlines.UNIVERSAL);
        var train = new TrainSettings(epochs, batchSize, 0.01, 5.0, 7L, 2, averaging, 0,
                TrainingApproach.AUTO, checkpointEverySteps, 100, 0, 1000, scaling, warmupSteps);
        var sample = new SamplingOptions("The ", 40, 1.0, 5, 7L);
        return new CharLstmJob(model, data, train, sample, "local[2]", Map.of(), Map.of("test", true));
    }

    /**
     * A char-LSTM job of {@code workers} x {@code batchSize} without learning-rate scaling or warm-up
     * (the global-batch rule for changing workers on resume); its stored config holds these settings,
     * as the command line would store them, so a resume compares them.
     */
    static CharLstmJob globalBatch(Path corpus, int epochs, int workers, int batchSize) {
        var model = new ModelSettings(2, 16, InputKind.ONE_HOT, 0, 0.8, 1.0, "lstm_cell", LstmImpl.FUSED);
        var data = new DataSettings(corpus.toString(), 20, 0.1, 0, Newlines.UNIVERSAL);
        var train = new TrainSettings(epochs, batchSize, 0.01, 5.0, 7L, workers, AveragingPeriod.fixed(1), 0,
                TrainingApproach.AUTO, 0, 100, 0, 1000, LearningRateScaling.NONE, 0);
        var sample = new SamplingOptions("The ", 40, 1.0, 5, 7L);
        Map<String, Object> config = Map.of("train", Map.of("epochs", epochs, "workers", workers, "batch-size",
                batchSize, "lr-scaling", "none", "warmup-steps", 0, "averaging-frequency", 1));
        return new CharLstmJob(model, data, train, sample, "local[2]", Map.of(), config);
    }

    /**
     * A seq2seq job on a pairs file, 2 workers; its stored config holds what the command line would
     * store for these settings, so a resume compares them.
     */
    static Seq2SeqJob seq2seq(Path pairs, int hidden, double validationFraction, int epochs, int batchSize) {
        return seq2seq(pairs, hidden, validationFraction, epochs, batchSize, 0, 3);
    }

    /** With a checkpoint every {@code checkpointEverySteps} minibatches, the last {@code keepLast} kept. */
    static Seq2SeqJob seq2seq(Path pairs, int hidden, double validationFraction, int epochs, int batchSize,
            int checkpointEverySteps, int keepLast) {
        var model = new Seq2SeqJob.Model(8, hidden, false, "encode_cell", "decode_cell", Reuse.NONE);
        var data = new Seq2SeqJob.Data("pairs", pairs.toString(), new PairOptions(0, 60, 80, false),
                validationFraction, 10);
        var train = new TrainSettings(epochs, batchSize, 0.01, 5.0, 7L, 2, AveragingPeriod.fixed(1), 0,
                TrainingApproach.AUTO, checkpointEverySteps, keepLast, 0, 1000, LearningRateScaling.NONE, 0);
        Map<String, Object> config = Map.of("model", Map.of("type", "seq2seq", "hidden", hidden, "embedding-size", 8),
                "data", Map.of("task", "pairs", "input", pairs.toString(), "validation-fraction", validationFraction),
                "train", Map.of("epochs", epochs, "batch-size", batchSize, "seed", 7L, "workers", 2));
        return new Seq2SeqJob(model, data, train, 1.0, new Seq2SeqJob.Translate(1, 20, 1), "local[2]", Map.of(),
                config, "test");
    }
}
