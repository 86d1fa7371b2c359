package org.scopedrnn.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.scopedrnn.data.internal.SegmentPlanner;

/**
 * The Spark job both executor-side corpora run per pass: one task per partition of segments, each
 * reading its own segments with what the driver laid out for them, so that only those descriptions
 * (never text) travel to the executors.
 */
final class SegmentJobs {

    /** What a task does with one segment's description and the Hadoop configuration. */
    @FunctionalInterface
    interface Read<L, T> extends Serializable {
        T read(L layout, Configuration conf);
    }

    private SegmentJobs() {
    }

    /**
     * {@code read} applied to every segment, where its partition is read; {@code bySegment} holds
     * each segment's description by segment index. Results come in segment order.
     */
    static <L extends Serializable, T> JavaRDD<T> read(JavaSparkContext sc, SegmentPlanner planner, List<L> bySegment,
            Broadcast<SerializableConfiguration> conf, Read<L, T> read) {
        var parts = new ArrayList<List<L>>();
        for (var partition : planner.partitions()) {
            var own = new ArrayList<L>(partition.size());
            partition.forEach(s -> own.add(bySegment.get(s.index())));
            parts.add(own);
        }
        return sc.parallelize(parts, parts.size())
                .flatMap(part -> part.stream().map(l -> read.read(l, conf.value().value())).iterator());
    }
}
