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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.config.Readers;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.data.PairCorpus;
import org.scopedrnn.data.PairPlan;
import org.scopedrnn.data.PairSplit;
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
 * target character) and held-out translation metrics after every epoch, checkpoints, resume. What
 * is the seq2seq model's own: the pairs and their vocabularies (a resumed model keeps its own),
 * the model, and what it validates ({@link Seq2SeqPart}).
 */
public final class Seq2SeqTrainer extends ModelTrainer<Seq2SeqTrainer, Seq2SeqPart, Seq2SeqTrainer.Result> {

    public static final String MODEL_TYPE = "seq2seq";
    /** Held-out pairs decoded for the metrics after every epoch (decoding runs on the driver). */
    public static final int METRIC_PAIRS = 500;
    /** How minibatches are laid out for the model (ids, NCW), also by the benchmark. */
    public static final Seq2SeqBatches.Format FORMAT =
            new Seq2SeqBatches.Format(Seq2SeqBatches.Input.IDS_3D, org.deeplearning4j.nn.conf.RNNFormat.NCW);

    private final Seq2SeqJob job;
    private PairCorpus pairs;

    public Seq2SeqTrainer(Seq2SeqJob job, Path runDir, boolean resume, Configuration hadoop, PrintStream out,
            PrintStream log) {
        super(runDir, resume, hadoop, out, log, new Kind(job.train(), ResumeCheck.SEQ2SEQ, job.resolvedConfig()));
        this.job = job;
    }

    /**
     * Trains on these pairs (a DataFrame's rows, parsed as a pairs file is) instead of reading
     * {@code data.input}, which then only names them.
     */
    public Seq2SeqTrainer pairs(PairCorpus corpus) {
        this.pairs = corpus;
        return this;
    }

    /**
     * What a finished run leaves: its model, the data it used, the last checkpoint, and whether it
     * stopped early at {@code --max-wall-time} (then {@code --resume} continues it).
     */
    public record Result(Seq2SeqModel model, Seq2SeqData data, PairSplit<Seq2SeqVocabulary.EncodedPair> split,
            Path lastCheckpoint, double validation, long step, boolean stoppedAtWallTime) {
    }

    @Override
    Seq2SeqPart prepare(JavaSparkContext sc, Optional<Checkpoint> start) throws IOException {
        TrainSettings ts = job.train();
        Seq2SeqData data = resumable(pairs != null ? Seq2SeqData.of(pairs)
                : Seq2SeqData.load(job.data(), ts.seed(), runDir().conf()), start);
        Seq2SeqVocabulary vocab = data.vocabulary();
        if (data.skippedTooLong() > 0) {
            log().printf(Locale.ROOT, "skipped %,d pairs longer than %s / %s%n", data.skippedTooLong(),
                    Settings.MAX_SOURCE_LENGTH, Settings.MAX_TARGET_LENGTH);
        }
        List<Seq2SeqVocabulary.EncodedPair> encoded = encode(vocab, data, start.isPresent());
        PairSplit<Seq2SeqVocabulary.EncodedPair> split = job.data().split(encoded, ts.seed());
        var plan = new PairPlan(split.train().size(), ts.batchSize(), true);
        if (plan.batchesPerEpoch() == 0) {
            throw new IllegalArgumentException(split.train().size() + " training pairs are fewer than one batch of "
                    + Settings.BATCH_SIZE + " = " + ts.batchSize() + ": lower it, or use more data");
        }
        Seq2SeqSpec spec = spec(job, vocab);
        if (start.isPresent()) {
            // the vocabularies came from the file: build nothing larger than the tensors it really holds
            ParamBinding.requireStored(Seq2SeqVariables.declare(spec, new VariableStore()), start.get().variables(),
                    "this configuration's seq2seq model " + spec);
        }
        Seq2SeqModel model = Seq2SeqModel.create(spec, job.optimizer(split.train()),
                Readers.scopeOrigins(job.origin()));
        if (start.isPresent()) {
            model.loadWeights(weightsOnly(model, start.get().variables()));
            AdamSlots.write(model, start.get().variables());
        }
        return new Seq2SeqPart(job, model, data, split, plan, out(), log());
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
     * A resumed model keeps the vocabularies it was trained with: the data's own would give other
     * ids, or other shapes, whenever a character was added to or dropped from the pairs.
     */
    private static Seq2SeqData resumable(Seq2SeqData data, Optional<Checkpoint> start) {
        return start.map(c -> new Seq2SeqData(data.pairs(), LoadedSeq2Seq.vocabulary(c.metadata().spec()),
                data.skippedTooLong())).orElse(data);
    }

    private List<Seq2SeqVocabulary.EncodedPair> encode(Seq2SeqVocabulary vocab, Seq2SeqData data, boolean resumed) {
        try {
            return vocab.encodeAll(data.pairs());
        } catch (Seq2SeqVocabulary.UnknownCharactersException e) {
            if (!resumed) {
                throw e;
            }
            throw new IllegalArgumentException((job.data().copyTask() ? "the copy task" : "pairs file "
                    + job.data().input()) + " has " + e.unknown().size() + " character(s) outside the resumed model's "
                    + e.side() + " vocabulary " + Vocabulary.describe(e.unknown()) + ": a resumed model keeps its "
                    + "vocabulary, so remove them from the pairs, or start a new --run-dir", e);
        }
    }

    private static Map<String, Tensor> weightsOnly(Seq2SeqModel model, Map<String, Tensor> all) {
        var weights = new LinkedHashMap<String, Tensor>();
        model.variableNames().forEach(n -> weights.put(n, all.get(n)));
        return weights;
    }

    /** Masked mean cross-entropy per target character (END included), teacher forced. */
    public static double validationLoss(Seq2SeqModel model, List<Seq2SeqVocabulary.EncodedPair> pairs,
            Seq2SeqVocabulary vocab) {
        double sum = 0;
        double count = 0;
        for (MultiDataSet batch : Seq2SeqBatches.sequential(pairs, 64, vocab.sourceSize(), vocab.targetSize(), FORMAT)) {
            model.graph().setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
            INDArray probs = model.graph().output(false, batch.getFeatures())[0];
            model.graph().clearLayerMaskArrays();
            INDArray labels = batch.getLabels(0);
            INDArray mask = batch.getLabelsMaskArray(0);
            INDArray logp = Transforms.log(Transforms.max(probs, 1e-30, false), false).muli(labels).sum(1);
            sum -= logp.muli(mask).sumNumber().doubleValue();
            count += mask.sumNumber().doubleValue();
        }
        return sum / count;
    }
}
