package org.scopedrnn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone Master and Workers as separate JVMs on 127.0.0.1, started from the test class
 * path (no Spark download): each Worker gets a {@code SPARK_HOME} whose {@code jars/} is empty and
 * launches executors with the test class path as {@code spark.executor.extraClassPath}. Stops
 * exactly the processes it started, executors included.
 */
public final class LoopbackSparkCluster implements AutoCloseable {

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int port;
    private final int uiPort;

    /** What one Worker offers: cores, memory, and extra JVM system properties and environment. */
    public record WorkerSpec(int cores, String memory, List<String> javaOptions, Map<String, String> env) {}

    private LoopbackSparkCluster(Path dir, int port, int uiPort) {
        this.dir = dir;
        this.port = port;
        this.uiPort = uiPort;
    }

    public static LoopbackSparkCluster start(Path dir, List<WorkerSpec> workers) throws IOException {
        return start(dir, List.of(), workers);
    }

    /** As {@link #start(Path, List)}, with extra JVM system properties for the Master. */
    public static LoopbackSparkCluster start(Path dir, List<String> masterOptions, List<WorkerSpec> workers)
            throws IOException {
        var cluster = new LoopbackSparkCluster(dir, freePort(), freePort());
        try {
            Files.createDirectories(dir.resolve("spark-home/jars"));
            cluster.launch("master", masterOptions, Map.of(), "org.apache.spark.deploy.master.Master", "--host",
                    "127.0.0.1", "--port", String.valueOf(cluster.port), "--webui-port", String.valueOf(cluster.uiPort));
            for (int i = 0; i < workers.size(); i++) {
                WorkerSpec w = workers.get(i);
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                cluster.launch("worker-" + i, w.javaOptions(), w.env(), "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--webui-port", String.valueOf(freePort()), "--cores",
                        String.valueOf(w.cores()), "--memory", w.memory(), "--work-dir", work.toString(),
                        cluster.masterUrl());
            }
            cluster.awaitWorkers(workers.size(), Duration.ofSeconds(90));
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The test class path, which drivers and executors run with. */
    public static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** This JVM's module flags Spark needs on Java 17 (set by surefire's argLine). */
    public static List<String> java17Flags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                        || a.startsWith("-Djdk.reflect"))
                .toList();
    }

    /** The files executors wrote under every worker's work dir whose name is {@code name}. */
    public List<Path> executorFiles(String name) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().equals(name) && p.toString().contains("/app-")).toList();
        }
    }

    /** Runs {@code mainClass} as a driver JVM with the test class path; returns its exit code. */
    public static int runDriver(Path log, Map<String, String> env, Duration timeout, String mainClass,
            List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx1g"));
        cmd.addAll(java17Flags());
        cmd.addAll(List.of("-cp", classPath(), mainClass));
        cmd.addAll(args);
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("driver did not finish in " + timeout + "; log: " + log);
            }
            return p.exitValue();
        } finally {
            stop(p);
        }
    }

    private void launch(String name, List<String> javaOptions, Map<String, String> env, String mainClass,
            String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m"));
        cmd.addAll(java17Flags());
        cmd.addAll(javaOptions);
        cmd.addAll(List.of("-cp", classPath(), mainClass));
        cmd.addAll(List.of(args));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().putAll(env);
        processes.add(pb.start());
    }

    private void awaitWorkers(int n, Duration timeout) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        URI json = URI.create("http://127.0.0.1:" + uiPort + "/json/");
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster JVM exited with " + p.exitValue() + "; logs in " + dir);
                }
            }
            try {
                String body = http.send(HttpRequest.newBuilder(json).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = alive.matcher(body);
                if (m.find() && Integer.parseInt(m.group(1)) >= n) {
                    return;
                }
            } catch (IOException notUpYet) {
                // the master's UI is still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(n + " workers did not register within " + timeout + "; logs in " + dir);
    }

    @Override
    public void close() {
        // workers first: each stops its executors; then the master
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i));
        }
    }

    private static void stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
