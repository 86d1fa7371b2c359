package org.scopedrnn.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/local-cluster.sh} driven from a test: a standalone Master and Workers on free
 * loopback ports (never 7077/8080, which a user's own cluster may hold), with RPC authentication on.
 */
final class LocalCluster implements AutoCloseable {

    static final Path HOME = Path.of("").toAbsolutePath();

    final Path dir;
    final int masterPort;
    final String secret;
    private final Map<String, String> env = new HashMap<>();

    private LocalCluster(Path dir, String secret) {
        this.dir = dir;
        this.secret = secret;
        this.masterPort = freePort(1);
        env.put("SCOPED_RNN_CLUSTER_DIR", dir.toString());
        env.put("SPARK_MASTER_PORT", String.valueOf(masterPort));
        env.put("SPARK_MASTER_WEBUI_PORT", String.valueOf(freePort(1)));
        env.put("SPARK_WORKER_WEBUI_PORT", String.valueOf(freePort(2)));
        env.put("SPARK_WORKER_MEMORY", "1536m");
        env.put("SCOPED_RNN_SPARK_SECRET", secret);
    }

    static LocalCluster start(Path dir, int workers, String secret) {
        var cluster = new LocalCluster(dir, secret);
        Result r = cluster.script("start", String.valueOf(workers));
        if (r.code != 0) {
            cluster.close();
            throw new AssertionError("local-cluster.sh start failed (" + r.code + "):\n" + r.output);
        }
        return cluster;
    }

    /** {@link #start} with a fresh random secret: RPC authentication on, as a real cluster would have it. */
    static LocalCluster startAuthenticated(Path dir, int workers) {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return start(dir, workers, HexFormat.of().formatHex(secret));
    }

    String master() {
        return "spark://127.0.0.1:" + masterPort;
    }

    Path sparkHome() {
        return dir.resolve("spark-home");
    }

    /** The environment a driver of this cluster needs (the secret travels by environment). */
    Map<String, String> driverEnv() {
        return Map.of("SCOPED_RNN_SPARK_SECRET", secret, "SPARK_HOME", sparkHome().toString(),
                "SPARK_LOCAL_IP", "127.0.0.1", "OMP_NUM_THREADS", "1", "SCOPED_RNN_HEAP", "1g");
    }

    /** PIDs of executor JVMs this cluster's Workers launched (their working directory is inside a worker dir). */
    List<Long> executors() {
        var pids = new ArrayList<Long>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", String.valueOf(p.pid()), "cwd"));
                if (cwd.startsWith(dir) && p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")) {
                    pids.add(p.pid());
                }
            } catch (IOException | UnsupportedOperationException | SecurityException gone) {
                // exited meanwhile, or not ours to inspect
            }
        });
        return pids;
    }

    /** PIDs of every process started for this cluster: daemons (marked on their command line) and executors. */
    List<Long> processes() {
        var pids = new ArrayList<>(executors());
        String marker = "-Dscopedrnn.cluster=" + dir + " ";
        ProcessHandle.allProcesses().filter(p -> (p.info().commandLine().orElse("") + " ").contains(marker))
                .forEach(p -> pids.add(p.pid()));
        return pids;
    }

    Result script(String... args) {
        var cmd = new ArrayList<String>(List.of(HOME.resolve("scripts/local-cluster.sh").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, env, 180);
    }

    @Override
    public void close() {
        script("stop");
    }

    record Result(int code, String output) {
    }

    static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) {
        try {
            var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A free loopback port p such that p .. p + count - 1 were all free a moment ago. */
    static int freePort(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (p + count < 65536 && allFree(p + 1, count - 1)) {
                return p;
            }
        }
        throw new AssertionError("no run of " + count + " free loopback ports found");
    }

    private static boolean allFree(int from, int count) {
        for (int q = from; q < from + count; q++) {
            try (var s = new ServerSocket(q, 1, InetAddress.getLoopbackAddress())) {
                // free
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
