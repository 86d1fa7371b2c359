package org.scopedrnn.train;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.launcher.SparkLauncher;
import org.scopedrnn.config.Settings;

/**
 * The driver's Spark context. A JVM holds one active context: under {@code spark-submit}, or in
 * tests, an existing one is used and left running; otherwise one is created and stopped on close.
 */
public final class SparkContexts implements AutoCloseable {

    private final JavaSparkContext context;
    private final boolean owned;

    private SparkContexts(JavaSparkContext context, boolean owned) {
        this.context = context;
        this.owned = owned;
    }

    /** The master URL forms Spark 3.5 itself accepts (SparkContext.createTaskScheduler). */
    private static final Pattern MASTER = Pattern.compile("local|local\\[(?:[1-9][0-9]*|\\*)(?:\\s*,\\s*[0-9]+)?]"
            + "|local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*]"
            + "|spark://\\S+|yarn|k8s://\\S+|mesos://\\S+");

    /**
     * Refuses a Spark master URL Spark would reject, before anything starts or is written (Spark's
     * own refusal is a stack trace from deep inside SparkContext).
     */
    public static void checkMaster(String master) {
        if (master == null || !MASTER.matcher(master.strip()).matches()) {
            throw new IllegalArgumentException("Spark master '" + master + "' is not one Spark accepts: use local, "
                    + "local[N], local[*], local[N,F] (F = task retries), local-cluster[W,C,M], spark://HOST:PORT, "
                    + "yarn, k8s://https://HOST:PORT or mesos://HOST:PORT (set by --master or " + Settings.MASTER + ")");
        }
    }

    public static SparkContexts obtain(String master, Map<String, String> extra) {
        checkMaster(master);
        var active = SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            return new SparkContexts(JavaSparkContext.fromSparkContext(active.get()), false);
        }
        var conf = new SparkConf()
                .setAppName("scoped-rnn")
                // the UI is a port per driver: off unless asked for (spark.ui.enabled=true)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (!conf.contains(SparkLauncher.SPARK_MASTER)) { // Spark's own property, as spark-submit sets it
            conf.setMaster(master); // spark-submit's --master wins over the config file
        }
        extra.forEach(conf::set);
        ClusterSettings.apply(conf, System.getenv(), System.getProperty("scopedrnn.home"));
        return new SparkContexts(new JavaSparkContext(conf), true);
    }

    public JavaSparkContext context() {
        return context;
    }

    @Override
    public void close() {
        if (owned) {
            context.close();
        }
    }

}
