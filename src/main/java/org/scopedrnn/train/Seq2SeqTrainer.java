package org.scopedrnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.config.Readers;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.data.CopyTask;
import org.scopedrnn.data.ExecutorPairs;
import org.scopedrnn.data.PairScan;
import org.scopedrnn.data.Seq2SeqBatches;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.AdamSlots;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.model.Seq2SeqVariables;
import org.scopedrnn.sample.LoadedSeq2Seq;
import org.scopedrnn.scope.VariableStore;

/**
 * Trains an encoder-decoder with DL4J parameter averaging on Spark through the {@link RoundLoop},
 * like {@link CharLstmTrainer}: one Spark job per averaging round, validation loss (masked, nats per
 * target character, scored on the executors) and held-out translation metrics (the first
 * {@link #METRIC_PAIRS} validation pairs, decoded on the driver) after every epoch, checkpoints,
 * resume. What is the seq2seq model's own: the pairs, which the executors read, split, encode and
 * batch themselves ({@link ExecutorPairs}: the driver holds counts, never the pairs), their
 * vocabularies (a resumed model keeps its own), the model, and what it validates ({@link Seq2SeqPart}).
 */
public final class Seq2SeqTrainer extends ModelTrainer<Seq2SeqTrainer, Seq2SeqPart, Seq2SeqTrainer.Result> {

    public static final String MODEL_TYPE = "seq2seq";
    /**
     * Held-out pairs decoded for the metrics after every epoch: the first this many validation pairs
     * (file by file, each in its split's order), the only pairs the driver holds; decoding runs there.
     */
    public static final int METRIC_PAIRS = 500;
    /** How minibatches are laid out for the model (ids, NCW), also by the benchmark. */
    public static final Seq2SeqBatches.Format FORMAT =
            new Seq2SeqBatches.Format(Seq2SeqBatches.Input.IDS_3D, org.deeplearning4j.nn.conf.RNNFormat.NCW);

    private final Seq2SeqJob job;

    public Seq2SeqTrainer(Seq2SeqJob job, Path runDir, boolean resume, Configuration hadoop, PrintStream out,
            PrintStream log) {
        super(runDir, resume, hadoop, out, log, new Kind(job.train(), ResumeCheck.SEQ2SEQ, job.resolvedConfig()));
        this.job = job;
    }

    /**
     * What a finished run leaves: its model, its vocabularies, the held-out pairs its translations
     * are scored on (the first {@link #METRIC_PAIRS} validation pairs), the last checkpoint, and
     * whether it stopped early at {@code --max-wall-time} (then {@code --resume} continues it).
     */
    public record Result(Seq2SeqModel model, Seq2SeqVocabulary vocabulary, List<Seq2SeqVocabulary.EncodedPair> heldOut,
            Path lastCheckpoint, double validation, long step, boolean stoppedAtWallTime) {
    }

    @Override
    Seq2SeqPart prepare(JavaSparkContext sc, Optional<Checkpoint> start) throws IOException {
        TrainSettings ts = job.train();
        ExecutorPairs pairs = pairs(sc, start);
        try {
            Seq2SeqVocabulary vocab = pairs.vocabulary();
            if (pairs.skippedTooLong() > 0) {
                log().printf(Locale.ROOT, "skipped %,d pairs longer than %s / %s%n", pairs.skippedTooLong(),
                        Settings.MAX_SOURCE_LENGTH, Settings.MAX_TARGET_LENGTH);
            }
            if (pairs.trainPairs() < ts.batchSize()) {
                throw new IllegalArgumentException(pairs.trainPairs() + " training pairs are fewer than one batch of "
                        + Settings.BATCH_SIZE + " = " + ts.batchSize() + ": lower it, or use more data");
            }
            Seq2SeqSpec spec = spec(job, vocab);
            if (start.isPresent()) {
                // the vocabularies came from the file: build nothing larger than the tensors it really holds
                ParamBinding.requireStored(Seq2SeqVariables.declare(spec, new VariableStore()),
                        start.get().variables(), "this configuration's seq2seq model " + spec);
            }
            Seq2SeqModel model = Seq2SeqModel.create(spec, job.optimizer(pairs.meanTargetLength()),
                    Readers.scopeOrigins(job.origin()));
            if (start.isPresent()) {
                model.loadWeights(weightsOnly(model, start.get().variables()));
                AdamSlots.write(model, start.get().variables());
            }
            return new Seq2SeqPart(job, model, sc, pairs, pairs.plan(ts.batchSize()), out(), log());
        } catch (RuntimeException e) {
            pairs.close();
            throw e;
        }
    }

    @Override
    Result finish(Seq2SeqPart part, RoundLoop.End end) {
        return part.result(end);
    }

    /** The model a job trains on these vocabularies. */
    public static Seq2SeqSpec spec(Seq2SeqJob job, Seq2SeqVocabulary vocab) {
        return new Seq2SeqSpec(vocab.sourceSize(), vocab.targetSize(), job.model().embeddingSize(),
                job.model().hidden(), job.model().encoderScope(), job.model().decoderScope(),
                job.model().decoderReuse(), job.model().sharedEmbedding());
    }

    /**
     * The pairs, read and cached by the executors (the copy task's made here and handed to them
     * once). A resumed model keeps the vocabularies it was trained with: the data's own would give
     * other ids, or other shapes, whenever a character was added to or dropped from the pairs.
     */
    private ExecutorPairs pairs(JavaSparkContext sc, Optional<Checkpoint> start) {
        Seq2SeqJob.Data data = job.data();
        long seed = job.train().seed();
        Optional<Seq2SeqVocabulary> kept = start.map(c -> LoadedSeq2Seq.vocabulary(c.metadata().spec()));
        if (data.copyTask()) {
            return ExecutorPairs.of(sc, CopyTask.generate(data.copyExamples(), seed),
                    kept.orElseGet(CopyTask::vocabulary), data.validationFraction(), seed, 1);
        }
        PairScan scan = PairScan.run(sc, data.corpusOptions());
        log().println("pairs: " + scan.describe());
        try {
            return ExecutorPairs.load(sc, scan, kept.orElseGet(scan::vocabulary), seed);
        } catch (Seq2SeqVocabulary.UnknownCharactersException e) {
            if (kept.isEmpty()) {
                throw e;
            }
            throw new IllegalArgumentException("pairs file " + data.input() + " has " + e.unknown().size()
                    + " character(s) outside the resumed model's " + e.side() + " vocabulary "
                    + Vocabulary.describe(e.unknown()) + ": a resumed model keeps its vocabulary, so remove them "
                    + "from the pairs, or start a new --run-dir", e);
        }
    }

    private static Map<String, Tensor> weightsOnly(Seq2SeqModel model, Map<String, Tensor> all) {
        var weights = new LinkedHashMap<String, Tensor>();
        model.variableNames().forEach(n -> weights.put(n, all.get(n)));
        return weights;
    }

    /** Masked mean cross-entropy per target character (END included), teacher forced, on the driver. */
    public static double validationLoss(Seq2SeqModel model, List<Seq2SeqVocabulary.EncodedPair> pairs,
            Seq2SeqVocabulary vocab) {
        double sum = 0;
        double count = 0;
        for (MultiDataSet batch : Seq2SeqBatches.sequential(pairs, Seq2SeqExecutorValidation.BATCH_PAIRS,
                vocab.sourceSize(), vocab.targetSize(), FORMAT)) {
            double[] nll = Seq2SeqExecutorValidation.nllSum(model, batch);
            sum += nll[0];
            count += nll[1];
        }
        return sum / count;
    }
}
