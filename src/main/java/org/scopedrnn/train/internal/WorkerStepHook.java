package org.scopedrnn.train.internal;

import org.apache.spark.TaskContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs on Spark workers before every minibatch and fixes two things DL4J M2's parameter averaging
 * gets wrong for us:
 *
 * <ul>
 *   <li>Workers rebuild the graph from a cloned configuration that drops the iteration count, so
 *       Adam's bias correction would restart at step 0 every averaging round. The hook carries
 *       the driver's count (snapshotted when Spark serializes the task each round).
 *   <li>Dropout draws from ND4J's thread-local RNG, whose state depends on which executor thread
 *       runs the task. Reseeding from (run seed, iteration, partition) makes masks reproducible,
 *       so a resumed run replays the interrupted one exactly.
 * </ul>
 */
public final class WorkerStepHook implements TrainingHook {

    private static final long serialVersionUID = 1L;

    private final ComputationGraphConfiguration driverConf;
    private final long seed;

    /** @param driverConf the driver graph's live configuration (read when each round's task is serialized) */
    public WorkerStepHook(ComputationGraphConfiguration driverConf, long seed) {
        this.driverConf = driverConf;
        this.seed = seed;
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        before(model);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        before(model);
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }

    private void before(Model model) {
        ComputationGraphConfiguration conf = ((ComputationGraph) model).getConfiguration();
        int base = driverConf.getIterationCount();
        if (conf.getIterationCount() < base) {
            conf.setIterationCount(base + conf.getIterationCount());
            conf.setEpochCount(driverConf.getEpochCount());
        }
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        Nd4j.getRandom().setSeed(mix(seed, conf.getIterationCount(), partition));
    }

    static long mix(long seed, long iteration, int partition) {
        long h = seed * 0x9E3779B97F4A7C15L + iteration * 0xC2B2AE3D27D4EB4FL + partition * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }
}
