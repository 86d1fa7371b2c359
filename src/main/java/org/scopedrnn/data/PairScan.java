package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.scopedrnn.data.internal.PairLayout;
import org.scopedrnn.data.internal.PairSegmentScan;
import org.scopedrnn.data.internal.SegmentPlanner;

/**
 * The first, distributed pass over a pairs corpus (a file, a directory or a glob of
 * {@code SOURCE<TAB>TARGET} files): executors read their segments, a pair being a line that starts
 * in the segment, and report how many pairs each holds and which characters occur on each side;
 * the driver keeps those counts and sets, applies {@code data.max-pairs} and lays out each file's
 * split ({@code data.internal.PairLayout} states the rules). Bad lines are refused with the same
 * words and line numbers as {@link PairCorpus} gives for one file; so are a corpus without a pair
 * and an empty one. Its {@link #vocabulary()} is what {@link Seq2SeqVocabulary#of} gives for the
 * same pairs.
 */
public final class PairScan {

    private final PairCorpusOptions options;
    private final CorpusFiles files;
    private final SegmentPlanner planner;
    private final PairLayout layout;
    private final Broadcast<SerializableConfiguration> conf;

    private PairScan(PairCorpusOptions options, CorpusFiles files, SegmentPlanner planner, PairLayout layout,
            Broadcast<SerializableConfiguration> conf) {
        this.options = options;
        this.files = files;
        this.planner = planner;
        this.layout = layout;
        this.conf = conf;
    }

    /** Resolves {@code options.input()} and scans it on the executors; errors name the file, the line and the fix. */
    public static PairScan run(JavaSparkContext sc, PairCorpusOptions options) {
        CorpusFiles files = CorpusFiles.resolve(options.input(), sc.hadoopConfiguration());
        SegmentPlanner planner = SegmentPlanner.plan(files, options.splitBytes());
        if (planner.segments().isEmpty()) {
            throw PairCorpus.empty(options.input());
        }
        Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration()));
        try {
            PairOptions pairs = options.pairs();
            List<PairSegmentScan> scans = new ArrayList<>(SparkErrors.rethrowCorpusErrors(() -> SegmentJobs.read(sc,
                    planner, planner.segments(), conf, (s, c) -> PairSegmentScan.of(s, pairs, c)).collect()));
            scans.sort(Comparator.comparingInt(PairSegmentScan::index));
            PairLayout layout = PairLayout.of(planner.segments(), scans, pairs.maxPairs(), options.validationFraction());
            check(options, layout);
            return new PairScan(options, files, planner, layout, conf);
        } catch (RuntimeException e) {
            conf.destroy();
            throw e;
        }
    }

    private static void check(PairCorpusOptions options, PairLayout layout) {
        PairLayout.Problem problem = layout.problem();
        if (problem != null) {
            throw new CorpusException("pair corpus " + problem.path() + " line " + problem.line() + " "
                    + problem.problem());
        }
        if (layout.pairs() == 0) {
            long[] scanned = layout.scanned();
            if (scanned[0] == 0 && scanned[2] == 0) {
                throw PairCorpus.empty(options.input());
            }
            throw PairCorpus.noPairs(options.input(), new PairCorpus.Stats(scanned[0], 0, scanned[0], scanned[2]));
        }
    }

    /** The sorted source and target vocabularies of the pairs in use. */
    public Seq2SeqVocabulary vocabulary() {
        return Seq2SeqVocabulary.of(List.of(new Pair(text(layout.sourceChars()), text(layout.targetChars()))));
    }

    private static String text(TreeSet<Integer> codePoints) {
        var sb = new StringBuilder();
        codePoints.forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /**
     * Refuses pairs holding characters outside {@code vocabulary} (a resumed model keeps its
     * vocabularies, even when files were added): the source side's unknown characters first, each listed.
     */
    public void requireCoveredBy(Seq2SeqVocabulary vocabulary) {
        unknown("source", layout.sourceChars(), vocabulary.source());
        unknown("target", layout.targetChars(), vocabulary.target());
    }

    private static void unknown(String side, TreeSet<Integer> used, Vocabulary known) {
        var unknown = new TreeSet<>(used);
        unknown.removeAll(known.index().keySet());
        if (!unknown.isEmpty()) {
            throw new Seq2SeqVocabulary.UnknownCharactersException(side,
                    unknown.stream().map(cp -> new String(Character.toChars(cp))).toList());
        }
    }

    public PairCorpusOptions options() {
        return options;
    }

    public CorpusFiles files() {
        return files;
    }

    /** Pairs in use (training and validation). */
    public long pairs() {
        return layout.pairs();
    }

    /** One line for the log: files, partitions, pairs. */
    public String describe() {
        return String.format(Locale.ROOT, "%d file(s), %,d bytes in %d partition(s); %,d pairs in use",
                files.files().size(), files.bytes(), planner.partitions().size(), layout.pairs());
    }

    SegmentPlanner planner() {
        return planner;
    }

    PairLayout layout() {
        return layout;
    }

    Broadcast<SerializableConfiguration> conf() {
        return conf;
    }
}
