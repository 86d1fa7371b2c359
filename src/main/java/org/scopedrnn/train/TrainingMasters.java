package org.scopedrnn.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.config.TrainingApproach;
import org.scopedrnn.train.internal.DeviceBinding;
import org.scopedrnn.train.internal.DeviceBindingTrainingMaster;
import org.scopedrnn.train.internal.TaskGate;
import org.scopedrnn.train.internal.WorkerStepHook;

/** DL4J parameter averaging as both trainers use it, and the clean-up it needs after each round. */
final class TrainingMasters {

    private TrainingMasters() {
    }

    /** Spark property naming the task resource each training task binds ND4J to. */
    static final String DEVICE_RESOURCE = "spark.scopedrnn.device-resource";

    /**
     * Updater state saved (Adam's moments survive averaging), the worker hook that carries the
     * iteration count and seeds dropout, the approach resolved for this master and file system, and
     * every task bound to the device Spark assigned it (resource {@value #DEVICE_RESOURCE}, default
     * gpu), its binding recorded in {@code bindings}. {@code observers} run on the workers after
     * that hook, before every minibatch (tests watch the workers with them: DL4J's list of hooks
     * is fixed once the master is built).
     */
    static ParameterAveragingTrainingMaster parameterAveraging(JavaSparkContext sc, TrainSettings ts,
            ComputationGraph graph, CollectionAccumulator<String> bindings, TrainingHook... observers) {
        String defaultFs = sc.hadoopConfiguration().get("fs.defaultFS", "file:///");
        TrainingApproach approach = ts.approach().resolve(sc.master(), defaultFs);
        var builder = new ParameterAveragingTrainingMaster.Builder(ts.workers(), ts.batchSize())
                .batchSizePerWorker(ts.batchSize())
                .averagingFrequency(ts.averagingFrequency().longest())
                .workerPrefetchNumBatches(ts.prefetch())
                .saveUpdater(true)
                .rngSeed(ts.seed())
                .trainingHooks(hooks(graph, ts, observers))
                .rddTrainingApproach(approach == TrainingApproach.EXPORT ? RDDTrainingApproach.Export
                        : RDDTrainingApproach.Direct);
        var binding = new DeviceBinding(sc.getConf().get(DEVICE_RESOURCE, "gpu"), bindings);
        return new DeviceBindingTrainingMaster(builder, binding);
    }

    /**
     * The worker step hook, the caller's observers, and the test-only task gate when a test started
     * this driver with one.
     */
    private static java.util.List<TrainingHook> hooks(ComputationGraph graph, TrainSettings ts,
            TrainingHook... observers) {
        var all = new java.util.ArrayList<TrainingHook>();
        all.add(new WorkerStepHook(graph.getConfiguration(), ts.seed()));
        all.addAll(java.util.List.of(observers));
        TaskGate.configured().ifPresent(all::add);
        return all;
    }

    /**
     * A driver-side record of the tasks' device bindings, for {@link #summarize}; logs the driver's
     * own ND4J backend, devices and BLAS (executors log theirs with their first task).
     */
    static CollectionAccumulator<String> bindingRecord(JavaSparkContext sc, java.io.PrintStream log) {
        log.println("driver: " + org.scopedrnn.train.internal.Backends.describe());
        return sc.sc().collectionAccumulator("scoped-rnn device bindings");
    }

    /**
     * One line saying which device addresses the training tasks were bound to, e.g.
     * {@code device bindings: 12 tasks, gpu 0 (6 tasks), gpu 1 (6 tasks)}.
     */
    static String summarize(JavaSparkContext sc, CollectionAccumulator<String> bindings) {
        String resource = sc.getConf().get(DEVICE_RESOURCE, "gpu");
        var byDevice = new java.util.TreeMap<String, Integer>();
        java.util.List<String> lines = bindings.value();
        var pattern = java.util.regex.Pattern.compile("bound to (\\S+ \\d+)|has no \\S+ assigned");
        for (String line : lines) {
            var m = pattern.matcher(line);
            String key = !m.find() ? "unknown" : m.group(1) != null ? m.group(1) : "no " + resource;
            byDevice.merge(key, 1, Integer::sum);
        }
        var sb = new StringBuilder("device bindings: " + lines.size() + " tasks");
        byDevice.forEach((k, n) -> sb.append(", ").append(k).append(" (").append(n).append(" tasks)"));
        return sb.toString();
    }

    /** DL4J's Direct approach persists each round's RDD and never releases it. */
    static void releaseCachedRounds(JavaSparkContext sc) {
        sc.getPersistentRDDs().values().forEach(rdd -> rdd.unpersist(false));
    }
}
