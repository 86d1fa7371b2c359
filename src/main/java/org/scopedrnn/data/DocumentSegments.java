package org.scopedrnn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.scopedrnn.data.internal.CorpusLayout;
import org.scopedrnn.data.internal.Segment;
import org.scopedrnn.data.internal.SegmentIds;
import org.scopedrnn.data.internal.SegmentLayout;
import org.scopedrnn.data.internal.SegmentScan;
import org.scopedrnn.data.internal.TextSegmentReader;
import scala.Tuple2;

/**
 * Segments that are documents: the texts of an RDD (a DataFrame column), each its own "file" of
 * one segment, so that a document's last validation fraction is its validation text and no window
 * spans two documents. The executors keep the documents of their partitions (cached) and read them
 * twice, as they read files twice; the driver gets per-document counts and character sets only.
 * Null and empty texts are not documents. Numbered by {@code zipWithIndex}, so the RDD's order
 * must be stable (a DataFrame read from storage is; one with a random ordering is not).
 */
final class DocumentSegments implements SegmentSource {

    private final JavaRDD<Tuple2<Long, String>> documents;
    private final int count;
    private final String label;
    private Broadcast<List<SegmentLayout>> layouts;

    private DocumentSegments(JavaRDD<Tuple2<Long, String>> documents, int count, String label) {
        this.documents = documents;
        this.count = count;
        this.label = label;
    }

    /** The first pass over {@code texts}: the documents numbered and cached, their counts scanned. */
    static CorpusScan scan(JavaRDD<String> texts, CorpusOptions options) {
        JavaRDD<Tuple2<Long, String>> docs = texts.filter(t -> t != null && !t.isEmpty()).zipWithIndex()
                .map(t -> new Tuple2<>(t._2(), t._1())).persist(StorageLevel.MEMORY_AND_DISK());
        Newlines newlines = options.newlines();
        List<SegmentScan> scans = new ArrayList<>(SparkErrors.rethrowCorpusErrors(() -> docs
                .map(d -> scanOne(d, newlines)).collect()));
        if (scans.isEmpty()) {
            docs.unpersist(false);
            throw new CorpusException("corpus " + options.input() + " has no document: every row is null or empty");
        }
        scans.sort(Comparator.comparingInt(SegmentScan::index));
        var segments = new ArrayList<Segment>(scans.size());
        for (SegmentScan s : scans) {
            segments.add(new Segment(s.index(), s.index(), options.input() + ", document " + s.index(), 0, s.chars()));
        }
        CorpusLayout layout = CorpusLayout.of(segments, scans, options.maxChars(), options.validationFraction(),
                options.seqLength(), options.validationMaxChars());
        return CorpusScan.checked(options, new DocumentSegments(docs, scans.size(), options.input()), layout);
    }

    private static SegmentScan scanOne(Tuple2<Long, String> doc, Newlines newlines) {
        try {
            return SegmentScan.of(Math.toIntExact(doc._1()), Long.MAX_VALUE,
                    new TextSegmentReader(doc._2(), newlines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public JavaRDD<SegmentIds> ids(JavaSparkContext sc, List<SegmentLayout> all, Map<Integer, Integer> index,
            Newlines newlines) {
        // one entry per document: each task looks up its documents' layouts, the driver sends them once
        layouts = sc.broadcast(List.copyOf(all));
        Broadcast<List<SegmentLayout>> shipped = layouts;
        return documents.map(d -> {
            SegmentLayout layout = shipped.value().get(Math.toIntExact(d._1()));
            return SegmentIds.read(layout, index, new TextSegmentReader(d._2(), newlines));
        });
    }

    @Override
    public String units() {
        return count + " document(s)";
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%d document(s) of %s in %d partition(s)", count, label,
                documents.getNumPartitions());
    }

    @Override
    public void close() {
        documents.unpersist(false);
        if (layouts != null) {
            layouts.destroy();
        }
    }
}
