package org.scopedrnn.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** Versions recorded in every checkpoint, so a file says what wrote it. */
public final class Versions {

    public static final String DL4J = "1.0.0-M2";

    private Versions() {
    }

    public static String project() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static Map<String, String> all() {
        var m = new LinkedHashMap<String, String>();
        m.put("scoped-rnn", project());
        m.put("dl4j", DL4J);
        m.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        m.put("java", System.getProperty("java.version"));
        return m;
    }
}
