package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.api.Model;
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

/**
 * How the parameter-averaging master takes a round: cut one partition per worker (as the trainers
 * cut rounds), in one Spark job, each worker fitting its own partition's minibatches in order; in
 * more partitions than workers, through DL4J's balancing, every minibatch still fitted once.
 */
class TrainingMastersTest extends SparkTestBase {

    private static final int VOCAB = 6;
    private static final int SEQ = 5;

    private record Fit(int jobs, List<String> seen) {
    }

    private Fit fit(int partitions) throws java.util.concurrent.TimeoutException {
        // 2 workers x 2 minibatches per round
        var ts = new TrainSettings(1, 4, 0.01, 5.0, 7L, 2, AveragingPeriod.fixed(2), 0, TrainingApproach.DIRECT,
                0, 3, 0, 10, LearningRateScaling.NONE, 0);
        var spec = new CharLstmSpec(VOCAB, 1, 4, InputKind.ONE_HOT, 0, 1.0, 1.0, "lstm_cell");
        CharLstmModel model = CharLstmModel.create(spec, ts.optimizer(5.0 * SEQ), LstmImpl.FUSED);
        CollectionAccumulator<String> seen = sc().sc().collectionAccumulator("minibatches seen");
        var master = TrainingMasters.parameterAveraging(sc(), ts, model.graph(),
                sc().sc().<String>collectionAccumulator("bindings"), new MinibatchRecorder(seen));
        var spark = new SparkComputationGraph(sc(), model.graph(), master);
        var jobs = new AtomicInteger();
        var counter = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        sc().sc().addSparkListener(counter);
        try {
            spark.fit(sc().parallelize(minibatches(4), partitions));
            // listener events arrive asynchronously: drain the bus before reading the count
            sc().sc().listenerBus().waitUntilEmpty();
        } finally {
            sc().sc().removeSparkListener(counter);
            TrainingMasters.releaseCachedRounds(sc());
        }
        return new Fit(jobs.get(), seen.value());
    }

    @Test
    void aRoundCutOnePartitionPerWorkerTrainsInOneJobEachWorkerOnItsOwnMinibatchesInOrder() throws Exception {
        Fit fit = fit(2);
        assertEquals(1, fit.jobs(), "Spark jobs for one round");
        assertEquals(List.of("partition 0 minibatch 0", "partition 0 minibatch 1"),
                fit.seen().stream().filter(s -> s.startsWith("partition 0")).toList());
        assertEquals(List.of("partition 1 minibatch 2", "partition 1 minibatch 3"),
                fit.seen().stream().filter(s -> s.startsWith("partition 1")).toList());
    }

    @Test
    void aRoundInMorePartitionsThanWorkersGoesThroughDl4jsBalancingEveryMinibatchOnce() throws Exception {
        Fit fit = fit(4);
        assertTrue(fit.jobs() > 1, "DL4J counts and balances first: " + fit.jobs() + " jobs");
        var minibatches = new TreeSet<String>();
        fit.seen().forEach(s -> minibatches.add(s.substring(s.indexOf("minibatch"))));
        assertEquals(4, fit.seen().size(), fit.seen().toString());
        assertEquals(new TreeSet<>(List.of("minibatch 0", "minibatch 1", "minibatch 2", "minibatch 3")), minibatches);
    }

    /**
     * Minibatch i (of the settings' 4 windows: DL4J's workers re-cut smaller ones) starts its first
     * window with character id i, by which the recorder knows it.
     */
    private static List<DataSet> minibatches(int count) {
        var rnd = new Random(3);
        int[] ids = rnd.ints(200, 0, VOCAB).toArray();
        var out = new ArrayList<DataSet>();
        for (int b = 0; b < count; b++) {
            int start = -1;
            for (int i = 0; i < ids.length - SEQ - 1 && start < 0; i++) {
                start = ids[i] == b ? i : -1;
            }
            int[] starts = {start, rnd.nextInt(ids.length - SEQ - 1), rnd.nextInt(ids.length - SEQ - 1),
                rnd.nextInt(ids.length - SEQ - 1)};
            out.add(CharDataSets.toDataSet(ids, starts, SEQ, VOCAB, true));
        }
        return out;
    }

    /** Records, on the worker before each update, its partition and which minibatch it fits. */
    private static final class MinibatchRecorder implements TrainingHook {
        private static final long serialVersionUID = 1L;
        private final CollectionAccumulator<String> seen;

        MinibatchRecorder(CollectionAccumulator<String> seen) {
            this.seen = seen;
        }

        private void record(org.nd4j.linalg.api.ndarray.INDArray features) {
            int id = 0;
            while (features.getDouble(0, id, 0) == 0) {
                id++;
            }
            seen.add("partition " + TaskContext.get().partitionId() + " minibatch " + id);
        }

        @Override
        public void preUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
            record(minibatch.getFeatures());
        }

        @Override
        public void preUpdate(org.nd4j.linalg.dataset.api.MultiDataSet minibatch, Model model) {
            record(minibatch.getFeatures(0));
        }

        @Override
        public void postUpdate(org.nd4j.linalg.dataset.api.DataSet minibatch, Model model) {
        }

        @Override
        public void postUpdate(org.nd4j.linalg.dataset.api.MultiDataSet minibatch, Model model) {
        }
    }
}
