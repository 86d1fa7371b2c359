package org.scopedrnn.train;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.model.ScopedModel;
import org.scopedrnn.report.RunReport;

/**
 * One model's side of a training run, ready to train: all the {@link RoundLoop} knows of the model.
 * A model trainer ({@link ModelTrainer}) builds it from its job and the checkpoint it resumes, if any.
 * Like DL4J's early-stopping trainers, whose subclasses differ only in the fit call, the two models
 * differ here only in what a minibatch is, how it is fitted, validated and described.
 *
 * @param <T> one minibatch: {@code DataSet} or {@code MultiDataSet}
 */
interface TrainingPart<T> extends AutoCloseable {

    /** How the run describes itself: its log line, the report's title, what its throughput counts. */
    record Description(String summary, String title, RunReport.Unit unit, long unitsPerStep) {
    }

    /**
     * The model as a checkpoint records it (Adam's slots aside): its type, the spec and vocabulary a
     * loader rebuilds it from, and the weights under their canonical names.
     */
    record Snapshot(String modelType, Map<String, Object> spec, List<String> vocabulary,
            Map<String, ? extends Tensor> weights) {
    }

    /** The model being trained: its graph, and the optimizer whose learning rate the report shows. */
    ScopedModel model();

    /** What a checkpoint of the model, as it is now, holds. */
    Snapshot snapshot();

    Description description();

    /**
     * The training plan (batches per epoch and per round, batch size...), recorded as {@code run}
     * in every checkpoint: a resume whose plan differs is refused ({@link ResumeCheck#start}).
     */
    Map<String, Object> plan();

    /**
     * Where each round's minibatches come from: partitions the executors hold ({@link CorpusRounds},
     * char-LSTM; {@link PairRounds}, seq2seq); the loop asks only for "round r of epoch e".
     */
    RoundSource<T> rounds(JavaSparkContext sc);

    /** One averaging round: DL4J's parameter-averaging fit of the round's minibatches. */
    void fit(SparkComputationGraph spark, JavaRDD<T> round);

    /** DL4J's score (summed over time steps) as the loss per character or per target character. */
    double loss(double score);

    /**
     * Validates after {@code epoch} (1-based) of {@code epochs}, printing the result line.
     *
     * @return the held-out loss, or null when there is none to report
     */
    Double validate(int epoch, int epochs);

    /** Samples or translations for the report after the epoch just validated; empty for none. */
    List<String> epochTexts();

    /** Whether training ends after {@code epoch} (1-based), already validated and checkpointed. */
    default boolean stopAfter(int epoch) {
        return false;
    }

    /** What the log line of a checkpoint adds after its path. */
    default String savedNote(Double validation) {
        return "";
    }

    /** Releases what the part holds on the cluster (data the executors cache); nothing by default. */
    @Override
    default void close() {
    }
}
