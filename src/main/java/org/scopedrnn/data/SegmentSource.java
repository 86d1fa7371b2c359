package org.scopedrnn.data;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.scopedrnn.data.internal.SegmentIds;
import org.scopedrnn.data.internal.SegmentLayout;

/**
 * Where the executors read a corpus's segments from: byte ranges of files through Hadoop
 * ({@link FileSegments}) or the documents of a DataFrame's partitions ({@link DocumentSegments}).
 * Everything after the reading (vocabulary, split, windows, rounds, validation) is the same.
 */
interface SegmentSource {

    /** Second pass: the executors' cached ids, one entry per segment, encoded with {@code index}. */
    JavaRDD<SegmentIds> ids(JavaSparkContext sc, List<SegmentLayout> layouts, Map<Integer, Integer> index,
            Newlines newlines);

    /** "3 file(s)" or "40 document(s)": the units whose ends windows never cross. */
    String units();

    /** How many units there are. */
    int count();

    /** One line for the log: units, size and partitions. */
    String describe();

    /** Releases what the source holds on the cluster (broadcasts, cached documents). */
    void close();
}
