package org.scopedrnn.train;

/**
 * How DL4J's parameter-averaging master ships minibatches to workers. {@code AUTO} picks
 * {@code EXPORT} where it can run (a {@code local[...]} master, or a non-local default file
 * system) and {@code DIRECT} elsewhere, because Export refuses a cluster master whose default FS
 * is {@code file://}.
 */
public enum TrainingApproach {
    AUTO, EXPORT, DIRECT;

    public static TrainingApproach parse(String value) {
        for (TrainingApproach a : values()) {
            if (a.name().equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown train.approach '" + value + "': expected auto, export or direct");
    }

    /** The concrete approach for a Spark master URL and default file system URI. */
    public TrainingApproach resolve(String master, String defaultFs) {
        if (this != AUTO) {
            return this;
        }
        boolean localMaster = master.startsWith("local[") || master.equals("local");
        boolean localFs = defaultFs == null || defaultFs.startsWith("file:");
        return localMaster || !localFs ? EXPORT : DIRECT;
    }
}
