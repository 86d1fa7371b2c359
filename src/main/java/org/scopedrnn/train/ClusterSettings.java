package org.scopedrnn.train;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.launcher.SparkLauncher;

/**
 * What a driver started outside {@code spark-submit} (by {@code scripts/scoped-rnn}) must add for a
 * cluster master: the application jar for the executors, the per-task BLAS threads, and RPC
 * authentication. Values the user set explicitly (config, {@code spark-submit}) are never replaced.
 */
public final class ClusterSettings {

    /** Shared secret for Spark RPC authentication; passed by environment so no command line shows it. */
    public static final String SECRET_ENV = "SCOPED_RNN_SPARK_SECRET";
    /** Passed on to executors: one BLAS thread per task unless set, and the OpenBLAS core type. */
    static final String[] EXECUTOR_ENV = {"OMP_NUM_THREADS", "OPENBLAS_CORETYPE"};

    private ClusterSettings() {
    }

    /**
     * @param env the driver's environment
     * @param home the installation directory ({@code scopedrnn.home}), or null
     */
    static void apply(SparkConf conf, Map<String, String> env, String home) {
        String secret = env.get(SECRET_ENV);
        if (secret != null && !secret.isBlank() && !conf.contains("spark.authenticate.secret")) {
            // In the SparkConf, not a system property: Spark redacts it in logs and the UI.
            conf.set("spark.authenticate", "true").set("spark.authenticate.secret", secret);
        }
        if (conf.get(SparkLauncher.SPARK_MASTER, "local").startsWith("local")) {
            return;
        }
        for (String name : EXECUTOR_ENV) {
            String value = env.get(name);
            if (value != null && !conf.contains("spark.executorEnv." + name)) {
                conf.set("spark.executorEnv." + name, value);
            }
        }
        if (!conf.contains("spark.jars")) {
            applicationJar(home).ifPresent(jar -> conf.set("spark.jars", jar));
        }
    }

    /**
     * The jar executors need: the spark-submit jar when built (it carries DL4J, so a plain Spark
     * installation can run it), else the jar these classes came from. A spark-submit jar older than
     * that one is stale (a build with {@code -Dscopedrnn.skipShade=true}) and not used.
     */
    static Optional<String> applicationJar(String home) {
        Optional<File> own = ownJar();
        if (home != null) {
            File shaded = Path.of(home, "target", "scoped-rnn-spark.jar").toFile();
            if (shaded.isFile() && own.map(f -> shaded.lastModified() >= f.lastModified()).orElse(true)) {
                return Optional.of(shaded.getAbsolutePath());
            }
        }
        return own.map(File::getAbsolutePath);
    }

    private static Optional<File> ownJar() {
        try {
            File source = new File(ClusterSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return source.isFile() ? Optional.of(source) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
