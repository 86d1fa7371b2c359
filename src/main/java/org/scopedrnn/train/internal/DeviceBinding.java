package org.scopedrnn.train.internal;

import java.io.Serializable;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.util.CollectionAccumulator;
import org.nd4j.linalg.factory.Nd4j;
import scala.Option;

/**
 * Binds the ND4J computation of a training task to the accelerator Spark assigned that task
 * ({@code spark.task.resource.<name>.amount}, addresses from the executor's discovery script).
 *
 * <p>Runs in the task's thread before the worker builds its copy of the model, so the model's
 * arrays and every op of the task live on that device. Spark reuses executor threads across
 * tasks, which is why every task binds again. With one device (the CPU backend, or a single GPU)
 * there is nothing to switch: the binding is still checked and recorded. Each binding is logged on
 * the executor (a task without an accelerator only once per JVM) and added to an accumulator the driver reads.
 */
public final class DeviceBinding implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Without accelerators (local runs) a line per task is noise: say it once per JVM. */
    private static final AtomicBoolean UNASSIGNED_LOGGED = new AtomicBoolean();

    private final String resource;
    private final CollectionAccumulator<String> record;

    /**
     * @param resource Spark resource name, usually {@code gpu}
     * @param record receives one line per bound task
     */
    public DeviceBinding(String resource, CollectionAccumulator<String> record) {
        if (resource == null || !resource.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("device resource name is '" + resource
                    + "'; expected a Spark resource name such as gpu");
        }
        this.resource = resource;
        this.record = record;
    }

    public String resource() {
        return resource;
    }

    /** Binds the current task (a no-op outside a Spark task) and returns what it did, or null. */
    public String bindCurrentTask() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            return null;
        }
        String executor = SparkEnv.get() == null ? "?" : SparkEnv.get().executorId();
        Backends.logOnceOnExecutor(executor);
        Option<ResourceInformation> info = task.resources().get(resource);
        String[] addresses = info.isDefined() ? info.get().addresses() : new String[0];
        String applied = apply(addresses);
        String line = "task " + task.taskAttemptId() + " (stage " + task.stageId() + ", partition "
                + task.partitionId() + ", executor " + executor + ") " + applied;
        if (addresses.length > 0 || UNASSIGNED_LOGGED.compareAndSet(false, true)) {
            System.err.println(addresses.length > 0 ? line : line + " (said once per JVM)");
        }
        if (record != null) {
            record.add(line);
        }
        return line;
    }

    private String apply(String[] addresses) {
        if (addresses.length == 0) {
            return "has no " + resource + " assigned: ND4J stays on its default device";
        }
        int device = parseAddress(addresses[0]);
        int devices = Nd4j.getAffinityManager().getNumberOfDevices();
        if (devices > 1) {
            if (device >= devices) {
                throw new IllegalStateException("Spark assigned " + resource + " address " + device + " but ND4J sees "
                        + devices + " device(s) (0.." + (devices - 1) + "): make the discovery script report the "
                        + "CUDA device ordinals ND4J sees (set CUDA_DEVICE_ORDER=PCI_BUS_ID so they match nvidia-smi)");
            }
            Nd4j.getAffinityManager().unsafeSetDevice(device);
        }
        int now = Nd4j.getAffinityManager().getDeviceForCurrentThread();
        String what = devices > 1 ? "bound to " + resource + " " + device + " (nd4j device " + now + ")"
                : "bound to " + resource + " " + device + " (nd4j has 1 device, " + now + ": nothing to switch)";
        return addresses.length == 1 ? what : what + "; also assigned " + Arrays.toString(
                Arrays.copyOfRange(addresses, 1, addresses.length)) + ", unused";
    }

    private int parseAddress(String address) {
        try {
            int d = Integer.parseInt(address.trim());
            if (d >= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("Spark assigned " + resource + " address '" + address
                + "'; expected a device index such as 0 (the discovery script must print indices)");
    }
}
