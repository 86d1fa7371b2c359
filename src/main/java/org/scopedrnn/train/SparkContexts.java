package org.scopedrnn.train;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Creates the driver's Spark context with the project's defaults. */
public final class SparkContexts {

    private SparkContexts() {
    }

    public static JavaSparkContext create(String master, Map<String, String> extra) {
        var conf = new SparkConf()
                .setMaster(master)
                .setAppName("scoped-rnn")
                // the UI is a port per driver: off unless asked for (spark.ui.enabled=true)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        extra.forEach(conf::set);
        return new JavaSparkContext(conf);
    }
}
