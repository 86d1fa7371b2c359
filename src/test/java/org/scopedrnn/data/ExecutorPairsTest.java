package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scopedrnn.data.CorpusFixtures.write;
import static org.scopedrnn.data.PairFixtures.options;
import static org.scopedrnn.data.PairFixtures.pairs;
import static org.scopedrnn.data.PairFixtures.todaysSplit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.scopedrnn.SparkTestBase;

class ExecutorPairsTest extends SparkTestBase {

    private static final PairOptions LIMITS = new PairOptions(0, 12, 12, false);
    private static final long SEED = 7;
    private static final Seq2SeqBatches.Format FORMAT = new Seq2SeqBatches.Format(Seq2SeqBatches.Input.IDS_3D,
            org.deeplearning4j.nn.conf.RNNFormat.NCW);

    @TempDir
    Path dir;

    private ExecutorPairs load(PairCorpusOptions options) {
        PairScan scan = PairScan.run(sc(), options);
        return ExecutorPairs.load(sc(), scan, scan.vocabulary(), SEED);
    }

    @Test
    void aSingleFileGivesTodaysVocabularyAndSplitWhateverTheSplitSize() throws IOException {
        Path file = write(dir.resolve("one.tsv"), pairs(1, 400));
        PairSplit<Seq2SeqVocabulary.EncodedPair> today = todaysSplit(file.toString(), LIMITS, 0.1, SEED);
        var vocab = Seq2SeqVocabulary.of(PairCorpus.read(file.toString(), LIMITS, new org.apache.hadoop.conf
                .Configuration()).pairs());
        long bytes = Files.size(file);
        for (long split : new long[] {97, 1000, bytes / 2, CorpusOptions.DEFAULT_SPLIT_BYTES}) {
            try (ExecutorPairs pairs = load(options(file.toString(), LIMITS, 0.1, split))) {
                assertEquals(vocab, pairs.vocabulary(), "split " + split);
                var got = pairs.collectSplit();
                assertEquals(new HashSet<>(today.train()), new HashSet<>(got.get(0)), "train, split " + split);
                assertEquals(today.train().size(), got.get(0).size(), "train, split " + split);
                assertEquals(today.validation(), got.get(1), "validation in today's order, split " + split);
                assertEquals(today.validation().subList(0, 5), pairs.heldOut(5));
                assertEquals(today.train().stream().mapToInt(p -> p.targetLength() + 1).average().orElseThrow(),
                        pairs.meanTargetLength(), 1e-12);
            }
        }
    }

    @Test
    void aPairLineAcrossASplitBoundaryWithMultiByteCharactersAndCrLfIsReadOnce() throws IOException {
        // splits of lineBytes + k put a boundary k bytes into the second line: inside each multi-byte
        // character, before the tab, between \r and \n, and right after the line end
        String line = "a\u20ac\uD83D\uDE00\t\u00e9X\r\n";
        Path file = write(dir.resolve("cross.tsv"), line.repeat(3) + "b\tc\r\n" + line);
        int lineBytes = line.getBytes(StandardCharsets.UTF_8).length;
        PairSplit<Seq2SeqVocabulary.EncodedPair> today = todaysSplit(file.toString(), PairOptions.ALL, 0.2, SEED);
        for (long split = lineBytes + 1; split <= 2L * lineBytes; split++) {
            try (ExecutorPairs pairs = load(options(file.toString(), PairOptions.ALL, 0.2, split))) {
                var got = pairs.collectSplit();
                assertEquals(5, got.get(0).size() + got.get(1).size(), "split " + split);
                assertEquals(today.validation(), got.get(1), "split " + split);
                assertEquals(sorted(today.train()), sorted(got.get(0)), "split " + split);
            }
        }
    }

    @Test
    void aByteOrderMarkIsSkippedAndItsFirstLineReadOnceWhereverTheSplitsFall() throws IOException {
        Path file = write(dir.resolve("bom.tsv"), "\uFEFFa\tb\r\nc\td\n");
        for (long split = 1; split <= 6; split++) {
            try (ExecutorPairs pairs = load(options(file.toString(), PairOptions.ALL, 0.4, split))) {
                var got = pairs.collectSplit();
                var all = new ArrayList<>(got.get(0));
                all.addAll(got.get(1));
                assertEquals(Set.of("a\tb", "c\td"), decoded(pairs, all), "split " + split);
                assertEquals(2, all.size(), "split " + split);
            }
        }
    }

    @Test
    void anEmptyFileAmongManyAndAGlobReadEveryOtherFileAndAddingOneMovesNoValidationPair() throws IOException {
        write(dir.resolve("c/a.tsv"), pairs(2, 120));
        write(dir.resolve("c/b.tsv"), "");
        write(dir.resolve("c/c.tsv"), pairs(3, 80));
        write(dir.resolve("c/notes.txt"), "not a pair file");
        List<Seq2SeqVocabulary.EncodedPair> before;
        try (ExecutorPairs pairs = load(options(dir.resolve("c") + "/*.tsv", PairOptions.ALL, 0.1, 100))) {
            before = pairs.collectSplit().get(1);
            assertEquals(12 + 8, before.size(), "each file holds out its own tenth");
            assertEquals(200, pairs.trainPairs() + pairs.validationPairs());
        }
        write(dir.resolve("c/0-first.tsv"), pairs(4, 50));
        try (ExecutorPairs pairs = load(options(dir.resolve("c") + "/*.tsv", PairOptions.ALL, 0.1, 100))) {
            List<Seq2SeqVocabulary.EncodedPair> after = pairs.collectSplit().get(1);
            assertEquals(5 + before.size(), after.size());
            assertTrue(decoded(pairs, after).containsAll(decodedWith(before, dir.resolve("c/a.tsv"), dir.resolve(
                    "c/c.tsv"))), "adding a file kept every old validation pair");
        }
    }

    @Test
    void maxPairsTakesTheFirstPairsAcrossFilesAndReportsABadLineOnlyBeforeThem() throws IOException {
        write(dir.resolve("m/a.tsv"), "a\tb\nc\td\n\ne\tf\n");
        write(dir.resolve("m/b.tsv"), "g\th\nno tab here\n");
        try (ExecutorPairs pairs = load(options(dir.resolve("m").toString(), new PairOptions(4, 0, 0, false), 0.25,
                3))) {
            assertEquals(4, pairs.trainPairs() + pairs.validationPairs());
            assertTrue(pairs.vocabulary().source().symbols().contains("g"));
        }
        var e = assertThrows(CorpusException.class, () -> load(options(dir.resolve("m").toString(), PairOptions.ALL,
                0.25, 3)));
        assertTrue(e.getMessage().matches("pair corpus \\S*b\\.tsv line 2 has no tab: 'no tab here' .*"),
                e.getMessage());
        write(dir.resolve("e/a.tsv"), "\n\n");
        var none = assertThrows(CorpusException.class, () -> load(options(dir.resolve("e").toString(),
                PairOptions.ALL, 0.1, 3)));
        assertTrue(none.getMessage().contains("has no usable pairs (pairs: read 0, kept 0, skipped too long 0, "
                + "blank lines 2)"), none.getMessage());
    }

    @Test
    void everyEpochTakesEachTrainingPairAtMostOnceInItsOwnOrderAndTheSameRoundIsRebuiltExactly() throws IOException {
        Path file = write(dir.resolve("r.tsv"), pairs(5, 300));
        try (ExecutorPairs pairs = load(options(file.toString(), LIMITS, 0.1, 500))) {
            EpochPlan plan = pairs.plan(8);
            int batches = (int) plan.batchesPerEpoch();
            List<String> epoch0 = rows(pairs.round(plan, SEED, 0, 0, batches, 2, FORMAT).collect());
            assertEquals(batches * 8, epoch0.size());
            var train = new ArrayList<String>();
            pairs.collectSplit().get(0).forEach(p -> train.add(key(p)));
            assertTrue(train.containsAll(epoch0));
            List<String> again = rows(pairs.round(plan, SEED, 0, 3, 2, 2, FORMAT).collect());
            assertEquals(epoch0.subList(3 * 8, 5 * 8), again, "minibatches 3 and 4 rebuilt alone");
            List<String> epoch1 = rows(pairs.round(plan, SEED, 1, 0, batches, 2, FORMAT).collect());
            assertNotEquals(epoch0, epoch1);
        }
    }

    @Test
    void aRoundArrivesOnePartitionPerWorkerWhetherThePairsLieInOnePartitionOrMany() throws IOException {
        Path file = write(dir.resolve("w.tsv"), pairs(6, 400));
        for (long split : new long[] {500, 1 << 20}) {
            try (ExecutorPairs pairs = load(options(file.toString(), LIMITS, 0.1, split))) {
                assertEquals(split == 500, pairs.partitions() > 1, "split " + split + ": " + pairs.partitions()
                        + " partitions");
                EpochPlan plan = pairs.plan(8);
                List<String> alone = rows(pairs.round(plan, SEED, 0, 1, 5, 1, FORMAT).collect());
                for (int workers : new int[] {1, 2}) {
                    var round = pairs.round(plan, SEED, 0, 1, 5, workers, FORMAT);
                    assertEquals(workers, round.getNumPartitions(), "split " + split);
                    assertEquals(workers == 1 ? List.of(5) : List.of(3, 2), round.glom().map(List::size).collect(),
                            "split " + split);
                    assertEquals(alone, rows(round.collect()), "split " + split + ", " + workers + " workers");
                }
            }
        }
    }

    /** Sources and targets of each minibatch's rows (ids of the unmasked steps), in row order. */
    private static List<String> rows(List<MultiDataSet> batches) {
        var out = new ArrayList<String>();
        for (MultiDataSet ds : batches) {
            INDArray source = ds.getFeatures(Seq2SeqBatches.SOURCE);
            INDArray sourceMask = ds.getFeaturesMaskArray(Seq2SeqBatches.SOURCE);
            INDArray decoderIn = ds.getFeatures(Seq2SeqBatches.DECODER_INPUT);
            INDArray targetMask = ds.getFeaturesMaskArray(Seq2SeqBatches.DECODER_INPUT);
            for (int b = 0; b < source.size(0); b++) {
                var s = new ArrayList<Integer>();
                for (int t = 0; t < sourceMask.size(1); t++) {
                    if (sourceMask.getDouble(b, t) > 0) {
                        s.add(source.getInt(b, 0, t));
                    }
                }
                var g = new ArrayList<Integer>();
                for (int t = 1; t < targetMask.size(1); t++) {
                    if (targetMask.getDouble(b, t) > 0) {
                        g.add(decoderIn.getInt(b, 0, t));
                    }
                }
                out.add(s + "->" + g);
            }
        }
        return out;
    }

    private static String key(Seq2SeqVocabulary.EncodedPair p) {
        return java.util.Arrays.toString(p.source()) + "->" + java.util.Arrays.toString(p.target());
    }

    private static List<String> sorted(List<Seq2SeqVocabulary.EncodedPair> pairs) {
        return pairs.stream().map(ExecutorPairsTest::key).sorted().toList();
    }

    private static Set<String> decoded(ExecutorPairs pairs, List<Seq2SeqVocabulary.EncodedPair> encoded) {
        var out = new HashSet<String>();
        encoded.forEach(p -> out.add(pairs.vocabulary().decodeSource(p.source()) + "\t"
                + pairs.vocabulary().decodeTarget(p.target())));
        return out;
    }

    /** The old run's validation pairs as text, decoded with the vocabulary of the files it read. */
    private static Set<String> decodedWith(List<Seq2SeqVocabulary.EncodedPair> encoded, Path... files) {
        var all = new ArrayList<Pair>();
        for (Path f : files) {
            all.addAll(PairCorpus.read(f.toString(), PairOptions.ALL, new org.apache.hadoop.conf.Configuration()).pairs());
        }
        var vocab = Seq2SeqVocabulary.of(all);
        var out = new HashSet<String>();
        encoded.forEach(p -> out.add(vocab.decodeSource(p.source()) + "\t" + vocab.decodeTarget(p.target())));
        return out;
    }
}
