package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a launcher-run driver adds for a cluster master, and what it leaves alone. */
class ClusterSettingsTest {

    @TempDir
    Path home;

    private static SparkConf conf(String master) {
        return new SparkConf(false).setMaster(master);
    }

    @Test
    void clusterMasterGetsTheSubmitJarTheBlasThreadsAndTheSecret() throws IOException {
        Path jar = Files.createDirectories(home.resolve("target")).resolve("scoped-rnn-spark.jar");
        Files.write(jar, new byte[] {1});
        SparkConf c = conf("spark://127.0.0.1:7077");
        ClusterSettings.apply(c, Map.of("OMP_NUM_THREADS", "1", "SCOPED_RNN_SPARK_SECRET", "s3cr3t"), home.toString());
        assertEquals(jar.toString(), c.get("spark.jars"));
        assertEquals("1", c.get("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals("true", c.get("spark.authenticate"));
        assertEquals("s3cr3t", c.get("spark.authenticate.secret"));
    }

    @Test
    void localMasterNeedsNoJarsAndNoExecutorEnvironment() {
        SparkConf c = conf("local[2]");
        ClusterSettings.apply(c, Map.of("OMP_NUM_THREADS", "1"), home.toString());
        assertFalse(c.contains("spark.jars"));
        assertFalse(c.contains("spark.executorEnv.OMP_NUM_THREADS"));
        assertFalse(c.contains("spark.authenticate"));
    }

    @Test
    void explicitSettingsWin() {
        SparkConf c = conf("spark://127.0.0.1:7077").set("spark.jars", "/opt/app.jar")
                .set("spark.executorEnv.OMP_NUM_THREADS", "4").set("spark.authenticate.secret", "from-config");
        ClusterSettings.apply(c, Map.of("OMP_NUM_THREADS", "1", "SCOPED_RNN_SPARK_SECRET", "env"), home.toString());
        assertEquals("/opt/app.jar", c.get("spark.jars"));
        assertEquals("4", c.get("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals("from-config", c.get("spark.authenticate.secret"));
    }
}
