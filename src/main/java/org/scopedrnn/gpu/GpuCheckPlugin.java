package org.scopedrnn.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.apache.spark.resource.ResourceInformation;

/**
 * {@code spark.plugins=org.scopedrnn.gpu.GpuCheckPlugin} (set by conf/spark-gpu.conf): every
 * executor checks the compute capability of the GPUs Spark assigned it before it runs anything.
 * A task would be too late: ND4J's CUDA backend starts when a task deserialises the parameters,
 * and on a GPU without kernels it fails deep inside the first kernel launch. A refused executor
 * exits at start; Spark reports "Unable to create executor due to" this message on the driver.
 * Executors without the resource (CPU executors) are not checked.
 */
public final class GpuCheckPlugin implements SparkPlugin {

    /** Spark property naming the GPU resource; the same one training tasks bind ND4J to. */
    static final String DEVICE_RESOURCE = "spark.scopedrnn.device-resource";

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext ctx, Map<String, String> extraConf) {
                String resource = ctx.conf().get(DEVICE_RESOURCE, "gpu");
                ResourceInformation info = ctx.resources().get(resource);
                if (info == null || info.addresses().length == 0) {
                    return;
                }
                String smi = NvidiaSmi.executable(ctx.conf().get(NvidiaSmi.CONF, null));
                String ok = check("executor " + ctx.executorID(), resource, List.of(info.addresses()),
                        NvidiaSmi.computeCapabilities(smi), CudaCapabilities.ofThisBuild());
                System.err.println(ok);
            }
        };
    }

    /**
     * Returns a line saying which GPUs passed, or throws naming the first GPU this build cannot run
     * (or that nvidia-smi does not list), its capability and the supported range.
     */
    static String check(String who, String resource, List<String> addresses, Map<String, String> capabilities,
            CudaCapabilities build) {
        List<String> passed = new ArrayList<>();
        for (String address : addresses) {
            String capability = capabilities.get(address);
            if (capability == null) {
                throw new GpuCheckException(who + " was assigned " + resource + " " + address
                        + ", which nvidia-smi does not list (it lists " + capabilities.keySet()
                        + "): the discovery script and nvidia-smi must number GPUs alike");
            }
            if (!build.runs(capability)) {
                throw new GpuCheckException(who + " cannot use " + resource + " " + address
                        + ": its compute capability is " + capability + ", and this build's ND4J CUDA backend "
                        + "(nd4j-cuda-11.6 1.0.0-M2.1) runs only on " + build.supportedRange()
                        + ". Use GPUs in that range (scripts/gpu-discovery.sh offers only those) or CPU executors.");
            }
            passed.add(resource + " " + address + " (compute capability " + capability + ")");
        }
        return who + ": " + String.join(", ", passed) + " can run this build's CUDA kernels";
    }
}
