package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scopedrnn.data.CorpusFixtures.options;
import static org.scopedrnn.data.CorpusFixtures.planWindows;
import static org.scopedrnn.data.CorpusFixtures.text;
import static org.scopedrnn.data.CorpusFixtures.windows;
import static org.scopedrnn.data.CorpusFixtures.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;

class ExecutorCorpusTest extends SparkTestBase {

    @TempDir
    Path dir;

    private ExecutorCorpus load(CorpusOptions options) {
        CorpusScan scan = CorpusScan.run(sc(), options);
        return ExecutorCorpus.load(sc(), scan, scan.vocabulary());
    }

    /** Today's single-file path: TextCorpus, Vocabulary.of, CorpusSplit. */
    private static CorpusSplit todaysSplit(Path file, double fraction, int seq) {
        String text = TextCorpus.read(file.toString(), new Configuration()).text();
        return CorpusSplit.of(Vocabulary.of(text).encode(text, false), fraction, seq);
    }

    @Test
    void aSingleFileGivesTodaysVocabularyAndSplitWhateverTheSplitSize() throws IOException {
        Path file = write(dir.resolve("one.txt"), text(1, 3000));
        String text = TextCorpus.read(file.toString(), new Configuration()).text();
        CorpusSplit today = todaysSplit(file, 0.1, 10);
        for (long split : new long[] {173, 1000, CorpusOptions.DEFAULT_SPLIT_BYTES}) {
            try (ExecutorCorpus corpus = load(options(file.toString(), 0.1, 10, split))) {
                assertEquals(Vocabulary.of(text), corpus.vocabulary(), "split " + split);
                int[][] got = corpus.collectSplit();
                assertArrayEquals(today.train(), got[0], "train, split " + split);
                assertArrayEquals(today.validation(), got[1], "validation, split " + split);
                assertEquals((today.train().length - 1) / 10, corpus.scan().trainWindows());
            }
        }
    }

    @Test
    void maxCharsKeepsTheFirstCharactersAndOnlyTheirVocabulary() throws IOException {
        String full = "abcabcabc\u00e9\u00e9" + "x".repeat(50) + "\uD83D\uDE00";
        Path file = write(dir.resolve("m.txt"), full);
        var opts = new CorpusOptions(file.toString(), Newlines.UNIVERSAL, 40, 0.25, 3, 0, 5);

        try (ExecutorCorpus corpus = load(opts)) {
            String prefix = full.substring(0, full.offsetByCodePoints(0, 40));
            assertEquals(Vocabulary.of(prefix), corpus.vocabulary());
            CorpusSplit today = CorpusSplit.of(Vocabulary.of(prefix).encode(prefix, false), 0.25, 3);
            assertArrayEquals(today.train(), corpus.collectSplit()[0]);
            assertArrayEquals(today.validation(), corpus.collectSplit()[1]);
        }
    }

    @Test
    void aMultiByteCharacterAndACrLfAcrossSplitBoundariesAreReadOnce() throws IOException {
        int split = 16;
        // bytes 14..17 are one 4-byte character across offset 16; bytes 31, 32 are \r\n across offset 32
        String text = "a".repeat(14) + "\uD83D\uDE00" + "b".repeat(13) + "\r\n" + "c".repeat(20) + "\u00e9\r\n";
        Path file = write(dir.resolve("edge.txt"), text);
        String expected = Newlines.UNIVERSAL.apply(text);

        try (ExecutorCorpus corpus = load(options(file.toString(), 0.2, 4, split))) {
            Vocabulary v = corpus.vocabulary();
            int[][] got = corpus.collectSplit();
            int[] all = java.util.stream.IntStream.concat(java.util.Arrays.stream(got[0]),
                    java.util.Arrays.stream(got[1])).toArray();
            assertEquals(expected, v.decode(all));
            assertEquals(Vocabulary.of(expected), v);
        }
    }

    @Test
    void aDirectoryOrGlobReadsItsFilesInPathOrderWithEachFilesTailHeldOut() throws IOException {
        Path books = dir.resolve("books");
        String[] texts = {text(2, 400), "", text(3, 250), text(4, 90)};
        String[] names = {"a.txt", "b.txt", "c.txt", "d.txt"};
        for (int i = 0; i < texts.length; i++) {
            write(books.resolve(names[i]), texts[i]);
        }
        write(books.resolve("_SUCCESS"), "zzz");
        write(books.resolve(".hidden.txt"), "zzz");
        write(books.resolve("sub/e.txt"), "zzz");

        for (String input : List.of(books.toString(), books + "/*.txt", books.toUri() + "/{a,b,c,d}.txt")) {
            try (ExecutorCorpus corpus = load(options(input, 0.1, 5, 100))) {
                assertEquals(4, corpus.scan().files().files().size(), input);
                Vocabulary v = corpus.vocabulary();
                var train = new ArrayList<Integer>();
                var validation = new ArrayList<Integer>();
                long windows = 0;
                for (String t : texts) {
                    if (t.isEmpty()) {
                        continue;
                    }
                    String read = Newlines.UNIVERSAL.apply(t);
                    int[] ids = v.encode(read, false);
                    int cut = (int) Math.round(ids.length * 0.9);
                    for (int i = 0; i < ids.length; i++) {
                        (i < cut ? train : validation).add(ids[i]);
                    }
                    windows += cut >= 1 ? (cut - 1) / 5 : 0;
                }
                int[][] got = corpus.collectSplit();
                assertArrayEquals(train.stream().mapToInt(i -> i).toArray(), got[0], input);
                assertArrayEquals(validation.stream().mapToInt(i -> i).toArray(), got[1], input);
                assertEquals(windows, corpus.scan().trainWindows(), input);
                assertTrue(!v.symbols().contains("z"), "skipped files were read: " + v.symbols());
            }
        }
    }

    @Test
    void addingAFileLeavesTheOtherFilesValidationTextWhereItWas() throws IOException {
        Path books = dir.resolve("grow");
        write(books.resolve("a.txt"), text(5, 300));
        int[] before;
        Vocabulary vocab;
        try (ExecutorCorpus corpus = load(options(books.toString(), 0.2, 5, 64))) {
            before = corpus.collectSplit()[1];
            vocab = corpus.vocabulary();
        }
        write(books.resolve("b.txt"), text(6, 300));
        CorpusScan scan = CorpusScan.run(sc(), options(books.toString(), 0.2, 5, 64));
        try (ExecutorCorpus corpus = ExecutorCorpus.load(sc(), scan, vocab)) {
            int[] after = corpus.collectSplit()[1];
            assertArrayEquals(before, java.util.Arrays.copyOf(after, before.length));
        }
    }

    @Test
    void aFileThatIsAllOneLineReadsAsToday() throws IOException {
        Path file = write(dir.resolve("line.txt"), "word\u00e9 ".repeat(900));
        CorpusSplit today = todaysSplit(file, 0.1, 20);

        try (ExecutorCorpus corpus = load(options(file.toString(), 0.1, 20, 333))) {
            assertArrayEquals(today.train(), corpus.collectSplit()[0]);
            assertArrayEquals(today.validation(), corpus.collectSplit()[1]);
        }
    }

    @Test
    void manySmallFilesShareFewPartitionsAndEachKeepsItsWindows() throws IOException {
        Path books = dir.resolve("many");
        long expectedWindows = 0;
        var all = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            String t = text(100 + i, 20 + i * 3);
            write(books.resolve(String.format("f%03d.txt", i)), t);
            int n = Newlines.UNIVERSAL.apply(t).codePointCount(0, Newlines.UNIVERSAL.apply(t).length());
            long cut = Math.round(n * 0.9);
            expectedWindows += cut >= 1 ? (cut - 1) / 8 : 0;
            all.append(t);
        }
        try (ExecutorCorpus corpus = load(options(books + "/*.txt", 0.1, 8, 4096))) {
            assertEquals(60, corpus.scan().files().files().size());
            assertTrue(corpus.scan().planner().partitions().size() < 10, corpus.scan().describe());
            assertEquals(expectedWindows, corpus.scan().trainWindows());
            assertEquals(Vocabulary.of(Newlines.UNIVERSAL.apply(all.toString())), corpus.vocabulary());
            EpochPlan plan = corpus.plan(4);
            var got = windows(corpus.round(plan, 1, 0, 0, (int) plan.batchesPerEpoch(), 2, false));
            assertEquals(plan.batchesPerEpoch(), got.size());
        }
    }

    @Test
    void aRoundArrivesOnePartitionPerWorkerEachAContiguousRunOfItsMinibatches() throws IOException {
        Path file = write(dir.resolve("w.txt"), text(9, 2500));
        try (ExecutorCorpus corpus = load(options(file.toString(), 0.1, 6, 301))) {
            EpochPlan plan = corpus.plan(4);
            var alone = windows(corpus.round(plan, 42, 0, 2, 7, 1, false));
            assertEquals(7, alone.size());
            Map<Integer, List<Integer>> sizesByWorkers = Map.of(1, List.of(7), 2, List.of(4, 3), 3, List.of(3, 2, 2),
                    8, List.of(1, 1, 1, 1, 1, 1, 1));
            for (int workers : new int[] {1, 2, 3, 8}) {
                var round = corpus.round(plan, 42, 0, 2, 7, workers, false);
                assertEquals(Math.min(workers, 7), round.getNumPartitions(), workers + " workers");
                assertEquals(sizesByWorkers.get(workers), round.glom().map(List::size).collect(), workers + " workers");
                assertEquals(alone, windows(round), workers + " workers: the same minibatches in the same order");
            }
        }
    }

    @Test
    void roundsAreDeterministicDistinctWindowsAndIndependentOfTheSplitSize() throws IOException {
        Path file = write(dir.resolve("r.txt"), text(7, 2500));
        CorpusSplit today = todaysSplit(file, 0.1, 6);
        List<List<Integer>> all = planWindows(today.train(), 6);
        List<List<List<Integer>>> reference = null;
        for (long split : new long[] {301, CorpusOptions.DEFAULT_SPLIT_BYTES}) {
            try (ExecutorCorpus corpus = load(options(file.toString(), 0.1, 6, split))) {
                EpochPlan plan = corpus.plan(8);
                assertEquals(all.size() / 8, plan.batchesPerEpoch());
                var epoch = new ArrayList<List<List<Integer>>>();
                for (long b = 0; b < plan.batchesPerEpoch(); b += 5) {
                    int n = (int) Math.min(5, plan.batchesPerEpoch() - b);
                    epoch.addAll(windows(corpus.round(plan, 42, 0, b, n, 2, false)));
                }
                assertEquals(epoch.subList(5, 10), windows(corpus.round(plan, 42, 0, 5, 5, 2, false)), "replay");
                assertNotEquals(epoch.subList(0, 5), windows(corpus.round(plan, 42, 1, 0, 5, 2, false)), "epoch 1");
                var remaining = new HashMap<List<Integer>, Integer>();
                all.forEach(w -> remaining.merge(w, 1, Integer::sum));
                for (var batch : epoch) {
                    assertEquals(8, batch.size());
                    for (var w : batch) {
                        assertTrue(remaining.merge(w, -1, Integer::sum) >= 0, "window used twice or unknown: " + w);
                    }
                }
                if (reference == null) {
                    reference = epoch;
                } else {
                    assertEquals(reference, epoch, "split " + split);
                }
            }
        }
    }

    @Test
    void oneHotRoundsMatchTodaysCharDataSets() throws IOException {
        Path file = write(dir.resolve("h.txt"), text(8, 800));
        try (ExecutorCorpus corpus = load(options(file.toString(), 0.1, 5, 50))) {
            EpochPlan plan = corpus.plan(3);
            var ids = windows(corpus.round(plan, 9, 2, 1, 2, 2, false));
            var oneHot = corpus.round(plan, 9, 2, 1, 2, 2, true).collect();
            int v = corpus.vocabulary().size();
            for (int b = 0; b < 2; b++) {
                int[] flat = ids.get(b).stream().flatMap(List::stream).mapToInt(i -> i).toArray();
                var expected = CharDataSets.toDataSet(flat, new int[] {0, 6, 12}, 5, v, true);
                assertEquals(expected.getFeatures(), oneHot.get(b).getFeatures());
                assertEquals(expected.getLabels(), oneHot.get(b).getLabels());
            }
        }
    }

    @Test
    void validationIsScoredOnExecutorsAsTodaysTailWindowsWithTheCap() throws IOException {
        Path file = write(dir.resolve("v.txt"), text(9, 4000));
        CorpusSplit today = todaysSplit(file, 0.1, 7);
        for (long cap : new long[] {0, 50}) {
            var opts = new CorpusOptions(file.toString(), Newlines.UNIVERSAL, 0, 0.1, 7, cap, 500);
            try (ExecutorCorpus corpus = load(opts)) {
                double[] logp = new double[corpus.vocabulary().size()];
                for (int i = 0; i < logp.length; i++) {
                    logp[i] = -Math.log(2 + i);
                }
                int[] ids = today.validation();
                if (cap > 0 && ids.length > cap + 1) {
                    ids = java.util.Arrays.copyOf(ids, (int) cap + 1);
                }
                double nats = 0;
                long chars = 0;
                for (int s = 0; s + 8 <= ids.length; s += 7) {
                    for (int t = 1; t <= 7; t++) {
                        nats -= logp[ids[s + t]];
                    }
                    chars += 7;
                }
                var params = sc().broadcast(logp);
                ValidationSum got = corpus.validation(params, UnigramScorer::nllSum, false, 4);
                params.destroy();
                assertEquals(chars, got.chars(), "cap " + cap);
                assertEquals(nats, got.nats(), 1e-6 * nats, "cap " + cap);
            }
        }
    }

    /** A model-free scorer: each label's probability is fixed by its id. */
    static final class UnigramScorer {
        static double nllSum(double[] logp, org.nd4j.linalg.dataset.DataSet batch) {
            var labels = batch.getLabels();
            double nats = 0;
            for (int b = 0; b < labels.size(0); b++) {
                for (int v = 0; v < labels.size(1); v++) {
                    for (int t = 0; t < labels.size(2); t++) {
                        nats -= labels.getDouble(b, v, t) * logp[v];
                    }
                }
            }
            return nats;
        }
    }

    @Test
    void aNewCharacterInAResumedCorpusIsAnErrorListingIt() throws IOException {
        Path file = write(dir.resolve("n.txt"), "abcabcabc".repeat(10) + "\u00e9");
        CorpusScan scan = CorpusScan.run(sc(), options(file.toString(), 0.1, 3, 64));
        Vocabulary old = new Vocabulary(List.of("a", "b", "c"));

        var e = assertThrows(CorpusException.class, () -> ExecutorCorpus.load(sc(), scan, old));

        assertTrue(e.getMessage().contains("'\u00e9'"), e.getMessage());
        assertTrue(e.getMessage().contains("keeps its vocabulary"), e.getMessage());
    }

    @Test
    void inputsThatMatchNothingAreOneClearErrorNamingThem() throws IOException {
        String pattern = dir.resolve("nothing") + "/*.txt";
        var e = assertThrows(CorpusException.class, () -> CorpusScan.run(sc(), options(pattern, 0.1, 3, 64)));
        assertTrue(e.getMessage().contains("corpus pattern " + pattern + " matches no file"), e.getMessage());

        String missing = dir.resolve("missing.txt").toString();
        e = assertThrows(CorpusException.class, () -> CorpusScan.run(sc(), options(missing, 0.1, 3, 64)));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());

        write(dir.resolve("empties/a.txt"), "");
        write(dir.resolve("empties/b.txt"), "");
        String empties = dir.resolve("empties").toString();
        e = assertThrows(CorpusException.class, () -> CorpusScan.run(sc(), options(empties, 0.1, 3, 64)));
        assertTrue(e.getMessage().contains(empties + " is empty"), e.getMessage());
    }

    @Test
    void invalidUtf8OnAnExecutorIsTheCorpusErrorNamingFileAndOffset() throws IOException {
        Path file = dir.resolve("latin1.txt");
        java.nio.file.Files.write(file, new byte[] {'a', 'b', 'c', (byte) 0xe9, 'd'});

        var e = assertThrows(CorpusException.class, () -> CorpusScan.run(sc(), options(file.toString(), 0.1, 3, 2)));

        assertTrue(e.getMessage().startsWith("corpus " + file.toUri().toString().replace("file:///", "file:/")
                + " is not valid UTF-8: byte 0xe9 at offset 3"), e.getMessage());
    }

    @Test
    void tooShortTextsFailAsTodayNamingTheSetting() throws IOException {
        Path file = write(dir.resolve("short.txt"), "abcdefghij".repeat(3));
        var e = assertThrows(CorpusException.class, () -> CorpusScan.run(sc(), options(file.toString(), 0.1, 5, 64)));
        assertTrue(e.getMessage().contains("a larger validation fraction"), e.getMessage());
        try (ExecutorCorpus corpus = load(options(file.toString(), 0, 5, 64))) {
            var b = assertThrows(IllegalArgumentException.class, () -> corpus.plan(100));
            assertTrue(b.getMessage().contains("batch size = 100"), b.getMessage());
        }
        Map<String, Object> m = load(options(file.toString(), 0, 5, 64)).plan(2).toMap();
        assertEquals(EpochPlan.ORDER, m.get("windowOrder"));
    }
}
