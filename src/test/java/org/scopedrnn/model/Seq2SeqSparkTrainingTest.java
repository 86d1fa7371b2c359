package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.scopedrnn.SparkTestBase;

/** The seq2seq graph trains under dl4j-spark's parameter averaging (local[2]), as the trainer will run it. */
class Seq2SeqSparkTrainingTest extends SparkTestBase {

    @Test
    void parameterAveragingOnLocalSparkLowersTheLossAndKeepsTheVariables() {
        Seq2SeqSpec spec = Seq2SeqSpec.of(6, 8, 8, 24);
        Seq2SeqModel model = Seq2SeqModel.create(spec, OptimizerSpec.adam(0.02, 5, 5));
        Random rnd = new Random(3);
        List<MultiDataSet> batches = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int[][] sources = Seq2SeqFixtures.copySources(rnd, 16, 6);
            batches.add(Seq2SeqFixtures.batch(sources, sources, 6, 7, spec.targetVocab()));
        }
        MultiDataSet probe = batches.get(0);
        double before = model.graph().score((org.nd4j.linalg.dataset.MultiDataSet) probe);

        var master = new ParameterAveragingTrainingMaster.Builder(2, 16)
                .batchSizePerWorker(16)
                .averagingFrequency(3)
                .saveUpdater(true)
                .rngSeed(1)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .build();
        var spark = new SparkComputationGraph(sc(), model.graph(), master);
        for (int epoch = 0; epoch < 3; epoch++) {
            spark.fitMultiDataSet(sc().parallelize(batches, 2));
        }
        sc().getPersistentRDDs().values().forEach(rdd -> rdd.unpersist(false));

        // the trained parameters are the driver model's: weights() reads them by canonical name
        model.graph().setParams(spark.getNetwork().params());
        double after = model.graph().score((org.nd4j.linalg.dataset.MultiDataSet) probe);
        assertTrue(after < before - 0.5, "loss " + before + " -> " + after);
        assertEquals(model.variableNames(), List.copyOf(model.weights().keySet()));
    }
}
