package org.scopedrnn;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of every test that needs Spark: one {@code local[2]} context per test JVM, shared by all
 * test classes (a JVM can hold only one, and starting it takes seconds). Code under test that
 * asks for a context gets this one and leaves it running.
 */
public abstract class SparkTestBase {

    private static JavaSparkContext context;

    @BeforeAll
    static synchronized void startSpark() {
        if (context == null) {
            var conf = new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("scoped-rnn-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            context = new JavaSparkContext(conf);
        }
    }

    protected static JavaSparkContext sc() {
        return context;
    }
}
