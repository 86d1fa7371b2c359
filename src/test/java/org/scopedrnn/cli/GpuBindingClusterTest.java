package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.LoopbackSparkCluster;
import org.scopedrnn.LoopbackSparkCluster.WorkerSpec;
import org.scopedrnn.TestCorpora;

/**
 * GPU executors without a GPU: a standalone Master and two Workers (separate JVMs on loopback),
 * each offering one "gpu" found by a fake discovery script (worker 0 has address 0, worker 1 has
 * address 1), and a driver configured by conf/spark-gpu.conf (whose GPU check plugin finds both
 * GPUs at compute capability 8.6 from a stand-in nvidia-smi). Every training task must see the
 * address Spark assigned it and bind ND4J to it (on the CPU backend, one device: recorded, nothing
 * to switch).
 */
class GpuBindingClusterTest {

    private static final Pattern BOUND = Pattern.compile("task \\d+ \\(stage \\d+, partition \\d+, executor \\d+\\) "
            + "bound to gpu (\\d+) \\(nd4j has 1 device, 0: nothing to switch\\)");

    @TempDir
    Path dir;

    @Test
    void everyTrainingTaskBindsTheGpuAddressItsWorkerWasAssigned() throws Exception {
        Path script = dir.resolve("fake-gpu-discovery.sh");
        Files.writeString(script, "#!/bin/sh\necho \"{\\\"name\\\":\\\"gpu\\\",\\\"addresses\\\":[\\\"$FAKE_GPU\\\"]}\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<WorkerSpec> workers = new ArrayList<>();
        for (String address : List.of("0", "1")) {
            workers.add(new WorkerSpec(1, "1500m", List.of("-Dspark.worker.resource.gpu.amount=1",
                    "-Dspark.worker.resource.gpu.discoveryScript=" + script), Map.of("FAKE_GPU", address)));
        }
        Path corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(3000));
        // conf/spark-gpu.conf's GpuCheckPlugin asks nvidia-smi: two Ampere (8.6) GPUs, which this build runs
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n[ \"$1\" = --query-gpu=index,compute_cap ] && printf '0, 8.6\\n1, 8.6\\n'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (var cluster = LoopbackSparkCluster.start(dir.resolve("cluster"), workers)) {
            List<String> args = new ArrayList<>(List.of("train", "char-lstm", "--master", cluster.masterUrl(),
                    "--input", corpus.toString(), "--run-dir", dir.resolve("run").toString(), "--epochs", "1"));
            args.addAll(List.of(MainTest.TINY));
            for (Map.Entry<String, String> e : gpuConf().entrySet()) {
                String value = e.getKey().endsWith("discoveryScript") ? script.toString() : e.getValue();
                args.addAll(List.of("--set", "spark.conf.\"" + e.getKey() + "\"=\"" + value + "\""));
            }
            args.addAll(List.of("--set", "spark.conf.\"spark.scopedrnn.nvidia-smi\"=\"" + smi + "\""));
            args.addAll(List.of("--set", "spark.conf.\"spark.executor.memory\"=1g", "--set",
                    "spark.conf.\"spark.executor.extraClassPath\"=\"" + LoopbackSparkCluster.classPath() + "\""));
            Path driverLog = dir.resolve("driver.log");
            int exit = LoopbackSparkCluster.runDriver(driverLog, Map.of("OMP_NUM_THREADS", "1"),
                    Duration.ofMinutes(5), Main.class.getName(), args);
            String driver = Files.readString(driverLog);
            assertEquals(0, exit, driver);

            assertTrue(driver.contains("driver: nd4j backend CpuBackend, 1 device(s), blas "), driver);
            // shown in the build log: what users see
            driver.lines().filter(l -> l.startsWith("driver: ") || l.startsWith("device bindings: "))
                    .forEach(System.out::println);
            Matcher summary = Pattern.compile("device bindings: (\\d+) tasks, gpu 0 \\((\\d+) tasks\\), gpu 1 \\((\\d+) tasks\\)")
                    .matcher(driver);
            assertTrue(summary.find(), driver);
            int tasks = Integer.parseInt(summary.group(1));
            assertTrue(tasks >= 8, "4 averaging rounds of 2 tasks expected: " + summary.group());
            assertEquals(tasks, Integer.parseInt(summary.group(2)) + Integer.parseInt(summary.group(3)));

            // each executor logged its backend once, and bound every task to its worker's address
            int bound = 0;
            for (int w = 0; w < 2; w++) {
                List<Path> logs = new ArrayList<>();
                for (Path p : cluster.executorFiles("stderr")) {
                    if (p.startsWith(dir.resolve("cluster/worker-" + w))) {
                        logs.add(p);
                    }
                }
                assertEquals(1, logs.size(), "one executor on worker " + w + ": " + logs);
                String log = Files.readString(logs.get(0));
                assertEquals(1, Pattern.compile("executor \\d+: nd4j backend CpuBackend").matcher(log).results().count(),
                        log);
                log.lines().filter(l -> l.contains(": nd4j backend") || BOUND.matcher(l).matches()).limit(3)
                        .forEach(l -> System.out.println("executor log: " + l));
                assertTrue(log.contains(": gpu " + w + " (compute capability 8.6) can run this build's CUDA kernels"), log);
                List<String> addresses = BOUND.matcher(log).results().map(r -> r.group(1)).toList();
                assertTrue(!addresses.isEmpty(), log);
                assertEquals(List.of(String.valueOf(w)), addresses.stream().distinct().toList(), log);
                bound += addresses.size();
            }
            assertEquals(tasks, bound);
        }
    }

    private static Map<String, String> gpuConf() throws IOException {
        var props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("conf/spark-gpu.conf"))) {
            props.load(r);
        }
        var out = new java.util.TreeMap<String, String>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k).trim()));
        assertEquals("1", out.get("spark.task.resource.gpu.amount"), out.toString());
        return out;
    }
}
