package org.scopedrnn.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.scopedrnn.train.internal.WorkerStepHook;

/** DL4J parameter averaging as both trainers use it, and the clean-up it needs after each round. */
final class TrainingMasters {

    private TrainingMasters() {
    }

    /**
     * Updater state saved (Adam's moments survive averaging), the worker hook that carries the
     * iteration count and seeds dropout, and the approach resolved for this master and file system.
     */
    static ParameterAveragingTrainingMaster parameterAveraging(JavaSparkContext sc, TrainSettings ts,
            ComputationGraph graph) {
        String defaultFs = sc.hadoopConfiguration().get("fs.defaultFS", "file:///");
        TrainingApproach approach = ts.approach().resolve(sc.master(), defaultFs);
        return new ParameterAveragingTrainingMaster.Builder(ts.workers(), ts.batchSize())
                .batchSizePerWorker(ts.batchSize())
                .averagingFrequency(ts.averagingFrequency())
                .workerPrefetchNumBatches(ts.prefetch())
                .saveUpdater(true)
                .rngSeed(ts.seed())
                .trainingHooks(new WorkerStepHook(graph.getConfiguration(), ts.seed()))
                .rddTrainingApproach(approach == TrainingApproach.EXPORT ? RDDTrainingApproach.Export
                        : RDDTrainingApproach.Direct)
                .build();
    }

    /** DL4J's Direct approach persists each round's RDD and never releases it. */
    static void releaseCachedRounds(JavaSparkContext sc) {
        sc.getPersistentRDDs().values().forEach(rdd -> rdd.unpersist(false));
    }
}
