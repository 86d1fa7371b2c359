package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.TaskContext;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.config.AveragingPeriod;
import org.scopedrnn.config.LearningRateScaling;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.config.TrainingApproach;
import org.scopedrnn.data.CharDataSets;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;
import org.scopedrnn.model.OptimizerSpec;

/**
 * The learning-rate rule reaches the Spark workers: DL4J's workers rebuild the graph from a clone of
 * the driver's configuration every round, so the schedule must survive the clone and be keyed by
 * the driver's count of steps per worker, not by a count that restarts each round.
 */
class LearningRateOnWorkersTest extends SparkTestBase {

    private static final int VOCAB = 6;
    private static final int SEQ = 5;

    @Test
    void workersStepWithTheScheduledRateAtTheDriversIteration() {
        // 2 workers x 2 minibatches per round, linear scaling of 0.01 with a 3-step warm-up
        var ts = new TrainSettings(1, 4, 0.01, 5.0, 7L, 2, AveragingPeriod.fixed(2), 0, TrainingApproach.DIRECT,
                0, 3, 0, 10, LearningRateScaling.LINEAR, 3);
        OptimizerSpec opt = ts.optimizer(5.0 * SEQ);
        var spec = new CharLstmSpec(VOCAB, 1, 4, InputKind.ONE_HOT, 0, 1.0, 1.0, "lstm_cell");
        CharLstmModel model = CharLstmModel.create(spec, opt, LstmImpl.FUSED);
        CollectionAccumulator<String> seen = sc().sc().collectionAccumulator("lr seen by workers");
        var bindings = sc().sc().<String>collectionAccumulator("bindings");
        var master = TrainingMasters.parameterAveraging(sc(), ts, model.graph(), bindings, new RateRecorder(seen));
        var spark = new SparkComputationGraph(sc(), model.graph(), master);

        int rounds = 3;
        for (int r = 0; r < rounds; r++) {
            spark.fit(sc().parallelize(minibatches(r, ts.batchesPerRound()), ts.batchesPerRound()));
            TrainingMasters.releaseCachedRounds(sc());
        }

        var expected = new TreeSet<String>();
        for (int partition = 0; partition < ts.workers(); partition++) {
            for (int it = 0; it < rounds * ts.averagingFrequency().every(); it++) {
                expected.add(line(partition, it, opt.learningRateAt(it)));
            }
        }
        assertEquals(expected, new TreeSet<>(seen.value()));
        assertEquals(0.01, opt.learningRateAt(0), 1e-15);
        assertEquals(0.02, opt.learningRateAt(3), 1e-15);
        assertEquals(rounds * ts.averagingFrequency().every(), model.graph().getConfiguration().getIterationCount());
    }

    private static List<DataSet> minibatches(int round, int count) {
        var rnd = new Random(round);
        int[] ids = rnd.ints(200, 0, VOCAB).toArray();
        var out = new ArrayList<DataSet>();
        for (int b = 0; b < count; b++) {
            int[] starts = rnd.ints(4, 0, ids.length - SEQ - 1).toArray();
            out.add(CharDataSets.toDataSet(ids, starts, SEQ, VOCAB, true));
        }
        return out;
    }

    static String line(int partition, int iteration, double rate) {
        return String.format(Locale.ROOT, "partition %d iteration %d rate %.8f", partition, iteration, rate);
    }

    /**
     * Records, on the worker just before each update, the iteration DL4J will pass to the updater and
     * the rate the worker's own Adam (the object that applies the step) gives for it.
     */
    private static final class RateRecorder implements TrainingHook {
        private static final long serialVersionUID = 1L;
        private final CollectionAccumulator<String> seen;

        RateRecorder(CollectionAccumulator<String> seen) {
            this.seen = seen;
        }

        private void record(Model model) {
            var graph = (ComputationGraph) model;
            int iteration = graph.getConfiguration().getIterationCount();
            var adam = graph.getUpdater().getUpdaterBlocks().get(0).getGradientUpdater().getConfig();
            seen.add(line(TaskContext.get().partitionId(), iteration, adam.getLearningRate(iteration, 0)));
        }

        @Override
        public void preUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
            record(model);
        }

        @Override
        public void preUpdate(org.nd4j.linalg.dataset.api.MultiDataSet minibatch, Model model) {
            record(model);
        }

        @Override
        public void postUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
        }

        @Override
        public void postUpdate(org.nd4j.linalg.dataset.api.MultiDataSet minibatch, Model model) {
        }
    }
}
