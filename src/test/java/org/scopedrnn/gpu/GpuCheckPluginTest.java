package org.scopedrnn.gpu;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The executor plugin's start-up check, with a stand-in nvidia-smi for each GPU generation. */
class GpuCheckPluginTest {

    @TempDir
    Path dir;

    /** A stand-in nvidia-smi answering the plugin's query (and only it) with {@code lines}. */
    private String smi(String lines) throws IOException {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n[ \"$1\" = --query-gpu=index,compute_cap ] && [ \"$2\" = --format=csv,noheader ]"
                + " || { echo \"unexpected arguments: $*\" >&2; exit 9; }\nprintf '" + lines + "'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return smi.toString();
    }

    private static void init(String smi, String... gpus) {
        ExecutorPlugin plugin = new GpuCheckPlugin().executorPlugin();
        plugin.init(new Context(new SparkConf(false).set(NvidiaSmi.CONF, smi), gpus), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.0", "8.6", "8.9"})
    void anAmpereOrAdaGpuStartsTheExecutor(String capability) throws IOException {
        assertDoesNotThrow(() -> init(smi("0, 3.5\\n1, " + capability + "\\n"), "1"));
    }

    @Test
    void aHopperGpuRefusesTheExecutorNamingTheGpuItsCapabilityAndTheRange() throws IOException {
        String smi = smi("0, 8.6\\n1, 9.0\\n");
        var e = assertThrows(GpuCheckException.class, () -> init(smi, "0", "1"));
        assertEquals("executor 7 cannot use gpu 1: its compute capability is 9.0, and this build's ND4J CUDA backend"
                + " (nd4j-cuda-11.6 1.0.0-M2.1) runs only on compute capability 3.7-3.x, 5.x, 6.x, 7.x or 8.x (kernels"
                + " for 3.7 5.0 5.2 6.0 6.1 7.0 7.5 8.0 8.6, no PTX). Use GPUs in that range (scripts/gpu-discovery.sh"
                + " offers only those) or CPU executors.", e.getMessage());
    }

    @Test
    void anExecutorWithoutAGpuIsNotChecked() {
        assertDoesNotThrow(() -> init(dir.resolve("no-such-nvidia-smi").toString()));
    }

    @Test
    void aGpuNvidiaSmiDoesNotListIsRefused() throws IOException {
        String smi = smi("0, 8.6\\n");
        var e = assertThrows(GpuCheckException.class, () -> init(smi, "3"));
        assertTrue(e.getMessage().startsWith("executor 7 was assigned gpu 3, which nvidia-smi does not list (it lists [0])"),
                e.getMessage());
    }

    @Test
    void noNvidiaSmiOnAGpuExecutorIsRefusedSayingHowToNameIt() {
        String missing = dir.resolve("no-such-nvidia-smi").toString();
        var e = assertThrows(GpuCheckException.class, () -> init(missing, "0"));
        assertTrue(e.getMessage().startsWith("cannot run '" + missing + " --query-gpu=index,compute_cap"), e.getMessage());
        assertTrue(e.getMessage().endsWith("name nvidia-smi with spark.scopedrnn.nvidia-smi or NVIDIA_SMI"), e.getMessage());
    }

    @Test
    void aFailingNvidiaSmiIsRefusedQuotingIt() throws IOException {
        Path smi = dir.resolve("broken-smi");
        Files.writeString(smi, "#!/bin/sh\necho 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver'\n"
                + "exit 9\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        var e = assertThrows(GpuCheckException.class, () -> init(smi.toString(), "0"));
        assertTrue(e.getMessage().endsWith("failed (exit 9): NVIDIA-SMI has failed because it could not communicate with"
                + " the NVIDIA driver"), e.getMessage());
    }

    /** What Spark hands an executor plugin: its conf, id and resources. */
    private record Context(SparkConf conf, String... gpus) implements PluginContext {
        @Override
        public Map<String, ResourceInformation> resources() {
            return gpus.length == 0 ? Map.of() : Map.of("gpu", new ResourceInformation("gpu", gpus));
        }

        @Override
        public String executorID() {
            return "7";
        }

        @Override
        public String hostname() {
            return "127.0.0.1";
        }

        @Override
        public MetricRegistry metricRegistry() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void send(Object message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object ask(Object message) {
            throw new UnsupportedOperationException();
        }
    }
}
