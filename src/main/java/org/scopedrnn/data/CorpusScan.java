package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.scopedrnn.data.internal.CorpusLayout;
import org.scopedrnn.data.internal.SegmentPlanner;
import org.scopedrnn.data.internal.SegmentScan;

/**
 * The first, distributed pass over a corpus: executors read their segments and report how many
 * characters each owns and which ones occur; the driver keeps only those counts and sets (its
 * memory grows with the number of segments, not the text) and lays out the train/validation split
 * and the windows ({@code data.internal.CorpusLayout} states the rules). Its
 * {@link #vocabulary()} is the sorted one {@link Vocabulary#of} gives for the same text.
 */
public final class CorpusScan {

    private final CorpusOptions options;
    private final SegmentSource source;
    private final CorpusLayout layout;

    private CorpusScan(CorpusOptions options, SegmentSource source, CorpusLayout layout) {
        this.options = options;
        this.source = source;
        this.layout = layout;
    }

    /** Resolves {@code options.input()} and scans it on the executors; errors name the file and the fix. */
    public static CorpusScan run(JavaSparkContext sc, CorpusOptions options) {
        CorpusFiles files = CorpusFiles.resolve(options.input(), sc.hadoopConfiguration());
        SegmentPlanner planner = SegmentPlanner.plan(files, options.splitBytes());
        if (planner.segments().isEmpty()) {
            throw empty(options);
        }
        Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration()));
        Newlines newlines = options.newlines();
        List<SegmentScan> scans = new ArrayList<>(SparkErrors.rethrowCorpusErrors(() -> SegmentJobs.read(sc, planner,
                planner.segments(), conf, (s, c) -> SegmentScan.of(s, newlines, c)).collect()));
        scans.sort(Comparator.comparingInt(SegmentScan::index));
        CorpusLayout layout = CorpusLayout.of(planner.segments(), scans, options.maxChars(),
                options.validationFraction(), options.seqLength(), options.validationMaxChars());
        return checked(options, new FileSegments(files, planner, conf), layout);
    }

    /**
     * The first pass over documents instead of files: {@code texts} (a DataFrame column's RDD; null
     * and empty texts skipped) are read by the executors that hold their partitions, each document
     * split and cut into windows as a file is ({@code options.input()} only names them in messages).
     * Nothing of the text reaches the driver.
     */
    public static CorpusScan documents(JavaRDD<String> texts, CorpusOptions options) {
        return DocumentSegments.scan(texts, options);
    }

    /** A scan of {@code source}, refused (its broadcasts released) when the corpus is too short to train on. */
    static CorpusScan checked(CorpusOptions options, SegmentSource source, CorpusLayout layout) {
        var scan = new CorpusScan(options, source, layout);
        try {
            scan.check();
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return scan;
    }

    private void check() {
        if (layout.chars() == 0) {
            throw empty(options);
        }
        int seq = options.seqLength();
        if (layout.trainWindows() == 0) {
            throw new CorpusException("the training text of " + options.input() + " (" + layout.trainChars()
                    + " characters in " + source.units() + ") holds no sequence of seq-length + 1 = "
                    + (seq + 1) + " characters within one file or document: use a longer corpus or a shorter sequence length");
        }
        if (options.validationFraction() > 0 && layout.longestValidation() < seq + 1) {
            throw new CorpusException("the validation part (last " + Math.round(options.validationFraction() * 100)
                    + "% = " + layout.longestValidation() + " characters" + (source.count() > 1 ? " of the "
                    + "file or document with the most" : "") + ") is shorter than one sequence of " + (seq + 1) + " characters: "
                    + "use a longer corpus, a larger validation fraction or a shorter sequence length");
        }
    }

    private static CorpusException empty(CorpusOptions options) {
        return new CorpusException("corpus " + options.input() + " is empty: " + TextCorpus.TRAINING_INPUT
                + " must name UTF-8 text with at least one character");
    }

    /** The sorted vocabulary of the characters in use. */
    public Vocabulary vocabulary() {
        var list = new ArrayList<String>();
        for (int cp : layout.codePoints()) {
            list.add(new String(Character.toChars(cp)));
        }
        return new Vocabulary(list);
    }

    /**
     * Refuses a corpus holding characters outside {@code vocabulary} (a resumed or fine-tuned model
     * keeps its vocabulary, even when files were added), listing every one of them and the first
     * file that holds each.
     */
    public void requireCoveredBy(Vocabulary vocabulary) {
        var known = vocabulary.index().keySet();
        var unknown = new TreeSet<>(layout.codePoints());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            List<String> chars = unknown.stream().map(cp -> new String(Character.toChars(cp))).toList();
            var where = new TreeMap<String, List<String>>();
            for (int cp : unknown) {
                where.computeIfAbsent(layout.firstSegmentOf(cp).path(), f -> new ArrayList<>())
                        .add(new String(Character.toChars(cp)));
            }
            var files = new ArrayList<String>();
            where.forEach((file, in) -> files.add(where.size() == 1 ? "first seen in " + file
                    : Vocabulary.describe(in) + " first seen in " + file));
            throw new CorpusException("corpus " + options.input() + " has " + chars.size() + " character(s) outside "
                    + "the model's vocabulary " + Vocabulary.describe(chars) + " (" + String.join("; ", files)
                    + "): a resumed or fine-tuned model keeps its vocabulary, so remove them from the text");
        }
    }

    public CorpusOptions options() {
        return options;
    }

    /** The files read; only a scan of files ({@link #run}) has them. */
    public CorpusFiles files() {
        return fileSource().files();
    }

    /** Characters in use, before the train/validation split. */
    public long chars() {
        return layout.chars();
    }

    public long trainChars() {
        return layout.trainChars();
    }

    public long validationChars() {
        return layout.validationChars();
    }

    /** Training windows (seq-length + 1 characters each, within one file) per epoch. */
    public long trainWindows() {
        return layout.trainWindows();
    }

    /** One line for the log: files, partitions, characters. */
    public String describe() {
        return String.format(Locale.ROOT, "%s; %,d training / %,d validation chars", source.describe(), trainChars(),
                validationChars());
    }

    SegmentPlanner planner() {
        return fileSource().planner();
    }

    SegmentSource source() {
        return source;
    }

    private FileSegments fileSource() {
        if (source instanceof FileSegments f) {
            return f;
        }
        throw new IllegalStateException("corpus " + options.input() + " is read from documents, not files");
    }

    CorpusLayout layout() {
        return layout;
    }

}
