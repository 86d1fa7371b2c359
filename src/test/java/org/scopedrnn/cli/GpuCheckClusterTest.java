package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.LoopbackSparkCluster;
import org.scopedrnn.LoopbackSparkCluster.WorkerSpec;
import org.scopedrnn.TestCorpora;

/**
 * An executor assigned a GPU this build has no kernels for refuses to start, before any task (and
 * so before ND4J) runs: a standalone Master and one Worker on loopback offering gpu 0, whose
 * stand-in nvidia-smi (named by the worker's NVIDIA_SMI, which its executors inherit) reports
 * compute capability 9.0. The run on 8.6 GPUs is GpuBindingClusterTest. No real GPU is involved.
 */
class GpuCheckClusterTest {

    private static final String REFUSAL = "cannot use gpu 0: its compute capability is 9.0, and this build's ND4J CUDA"
            + " backend (nd4j-cuda-11.6 1.0.0-M2.1) runs only on compute capability 3.7-3.x, 5.x, 6.x, 7.x or 8.x";

    @TempDir
    Path dir;

    @Test
    void anExecutorOnAHopperGpuRefusesToStartNamingTheGpuAndTheDriverFails() throws Exception {
        Path discovery = executable("fake-gpu-discovery.sh", "echo '{\"name\":\"gpu\",\"addresses\":[\"0\"]}'");
        Path smi = executable("nvidia-smi", "[ \"$1\" = --query-gpu=index,compute_cap ] && echo '0, 9.0'");
        List<WorkerSpec> workers = List.of(new WorkerSpec(1, "1500m", List.of("-Dspark.worker.resource.gpu.amount=1",
                "-Dspark.worker.resource.gpu.discoveryScript=" + discovery), Map.of("NVIDIA_SMI", smi.toString())));
        Path corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(3000));

        // one failed executor ends the application (the Master's default is 10, each a JVM start)
        try (var cluster = LoopbackSparkCluster.start(dir.resolve("cluster"), List.of("-Dspark.deploy.maxExecutorRetries=1"),
                workers)) {
            List<String> args = new ArrayList<>(List.of("train", "char-lstm", "--master", cluster.masterUrl(),
                    "--input", corpus.toString(), "--run-dir", dir.resolve("run").toString(), "--epochs", "1"));
            args.addAll(List.of(MainTest.TINY));
            for (String conf : List.of("spark.executor.cores=1", "spark.executor.resource.gpu.amount=1",
                    "spark.task.resource.gpu.amount=1", "spark.plugins=org.scopedrnn.gpu.GpuCheckPlugin",
                    "spark.executor.memory=1g", "spark.executor.extraClassPath=" + LoopbackSparkCluster.classPath())) {
                String[] kv = conf.split("=", 2);
                args.addAll(List.of("--set", "spark.conf.\"" + kv[0] + "\"=\"" + kv[1] + "\""));
            }
            Path driverLog = dir.resolve("driver.log");
            int exit = LoopbackSparkCluster.runDriver(driverLog, Map.of("OMP_NUM_THREADS", "1"), Duration.ofMinutes(4),
                    Main.class.getName(), args);
            String driver = Files.readString(driverLog);
            List<Path> executorLogs = cluster.executorFiles("stderr");
            assertFalse(executorLogs.isEmpty(), driver);
            String executor = Files.readString(executorLogs.get(0));
            executor.lines().filter(l -> l.contains(REFUSAL)).limit(1).forEach(l -> System.out.println("executor log: " + l));
            driver.lines().filter(l -> l.contains(REFUSAL) || l.startsWith("error")).limit(3)
                    .forEach(l -> System.out.println("driver log: " + l));
            assertTrue(executor.contains("executor 0 " + REFUSAL), executor);
            assertFalse(executor.contains("nd4j backend"), "ND4J started before the check: " + executor);
            assertTrue(driver.contains("Unable to create executor due to executor 0 " + REFUSAL), driver);
            assertEquals(Main.FAILURE, exit, driver);
            assertFalse(Files.exists(dir.resolve("run/checkpoints/step-1")), driver);
        }
    }

    private Path executable(String name, String body) throws java.io.IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
