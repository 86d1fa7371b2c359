package org.scopedrnn.train.internal;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.WorkerConfiguration;
import org.deeplearning4j.spark.api.worker.ExecuteWorkerMultiDataSetFlatMap;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * DL4J's parameter averaging, with each task bound to its Spark-assigned device before the worker
 * builds its model, and each round trained in the partitions it arrives in. DL4J offers no hook
 * that runs that early (a {@code TrainingHook} runs per minibatch, after the model's arrays exist),
 * so this master hands out a worker that binds first.
 *
 * <p>The direct approach trains a round cut one partition per worker (data's {@code WorkerShares})
 * as it is. DL4J's own would persist it serialized, count it (a Spark job), count each partition
 * (another) and shuffle its minibatches into balanced partitions (a third stage): on the small
 * preset that was about 0.3 s of a 0.8 s round of one minibatch per worker
 * (bench/results/round-overhead.md).
 */
public final class DeviceBindingTrainingMaster extends ParameterAveragingTrainingMaster {

    private static final long serialVersionUID = 1L;

    private final DeviceBinding binding;

    public DeviceBindingTrainingMaster(Builder builder, DeviceBinding binding) {
        super(builder);
        this.binding = binding;
    }

    /**
     * Trains a round in at most one partition per worker as it is: each partition is one worker's
     * share, in order (how the trainers cut rounds). Anything in more partitions than workers goes
     * through DL4J's own count, split and rebalancing.
     */
    @Override
    protected void executeTrainingDirect(SparkComputationGraph graph, JavaRDD<MultiDataSet> round) {
        if (round.getNumPartitions() > numWorkers) {
            super.executeTrainingDirect(graph, round);
            return;
        }
        var result = round.mapPartitions(new ExecuteWorkerMultiDataSetFlatMap<>(getWorkerInstance(graph)));
        processResults(null, graph, result, 1, 1);
    }

    /** As DL4J M2's own, but returning the binding worker. */
    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        var tuple = new NetBroadcastTuple(graph.getNetwork().getConfiguration(), graph.getNetwork().params(),
                graph.getNetwork().getUpdater().getStateViewArray());
        if (collectTrainingStats) {
            stats.logBroadcastStart();
        }
        Broadcast<NetBroadcastTuple> broadcast = graph.getSparkContext().broadcast(tuple);
        if (collectTrainingStats) {
            stats.logBroadcastEnd();
        }
        var configuration = new WorkerConfiguration(true, rddDataSetNumExamples, batchSizePerWorker,
                averagingFrequency, prefetchNumBatches, collectTrainingStats);
        return new Worker(broadcast, saveUpdater, configuration, this, binding);
    }

    private static final class Worker extends ParameterAveragingTrainingWorker {

        private static final long serialVersionUID = 1L;

        private final DeviceBinding binding;

        Worker(Broadcast<NetBroadcastTuple> broadcast, boolean saveUpdater, WorkerConfiguration configuration,
                DeviceBindingTrainingMaster master, DeviceBinding binding) {
            super(broadcast, saveUpdater, configuration, master.trainingHookList, master.listeners,
                    master.getRouterProvider());
            this.binding = binding;
        }

        @Override
        public ComputationGraph getInitialModelGraph() {
            binding.bindCurrentTask();
            return super.getInitialModelGraph();
        }
    }
}
