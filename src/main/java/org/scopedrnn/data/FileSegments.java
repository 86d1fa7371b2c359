package org.scopedrnn.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.scopedrnn.data.internal.SegmentIds;
import org.scopedrnn.data.internal.SegmentLayout;
import org.scopedrnn.data.internal.SegmentPlanner;

/** Segments that are byte ranges of files, read by the executors through Hadoop. */
final class FileSegments implements SegmentSource {

    private final CorpusFiles files;
    private final SegmentPlanner planner;
    private final Broadcast<SerializableConfiguration> conf;

    FileSegments(CorpusFiles files, SegmentPlanner planner, Broadcast<SerializableConfiguration> conf) {
        this.files = files;
        this.planner = planner;
        this.conf = conf;
    }

    CorpusFiles files() {
        return files;
    }

    SegmentPlanner planner() {
        return planner;
    }

    Broadcast<SerializableConfiguration> conf() {
        return conf;
    }

    @Override
    public JavaRDD<SegmentIds> ids(JavaSparkContext sc, List<SegmentLayout> layouts, Map<Integer, Integer> index,
            Newlines newlines) {
        return SegmentJobs.read(sc, planner, layouts, conf, (l, c) -> SegmentIds.read(l, index, newlines, c));
    }

    @Override
    public String units() {
        return files.files().size() + " file(s)";
    }

    @Override
    public int count() {
        return files.files().size();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%d file(s), %,d bytes in %d partition(s)", files.files().size(),
                files.bytes(), planner.partitions().size());
    }

    @Override
    public void close() {
        conf.destroy();
    }
}
