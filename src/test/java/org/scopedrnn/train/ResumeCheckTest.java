package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.config.ConfigLoader;

class ResumeCheckTest {

    private static final Path RUN = new Path("/runs/r1");

    private static Map<String, Object> charLstm(int hidden, int layers, double keepProb, int epochs) {
        return Map.of("model", Map.of("type", "char-lstm", "hidden", hidden, "layers", layers, "keep-prob", keepProb,
                "input", "one-hot"), "train", Map.of("epochs", epochs, "seed", 7, "learning-rate", 0.003),
                "data", Map.of("input", "data/anna.txt"));
    }

    private static CheckpointMetadata saved(String modelType, Map<String, Object> config) {
        return new CheckpointMetadata(modelType, Map.of(), List.of("a", "b"), 120, 1, null, 7L, config, Map.of(),
                "2026-01-01T00:00:00Z");
    }

    @Test
    void differencesListEachKeptKeyWithItsOldAndNewValue() {
        List<String> differences = ResumeCheck.CHAR_LSTM.differences(charLstm(32, 2, 0.8, 1), charLstm(64, 3, 0.5, 9));
        assertEquals(List.of("model.layers 2 -> 3", "model.hidden 32 -> 64", "model.keep-prob 0.8 -> 0.5"),
                differences);
    }

    @Test
    void settingsThatMayChangeAreNotDifferences() {
        var now = new HashMap<String, Object>(charLstm(32, 2, 0.8, 5));
        now.put("train", Map.of("epochs", 5, "seed", 7, "learning-rate", 0.0005));
        now.put("spark", Map.of("master", "spark://elsewhere:7077"));
        assertEquals(List.of(), ResumeCheck.CHAR_LSTM.differences(charLstm(32, 2, 0.8, 1), now));
    }

    @Test
    void keysAnOldCheckpointLacksAreNotCompared() {
        Map<String, Object> old = Map.of("model", Map.of("hidden", 32), "test", true);
        assertEquals(List.of(), ResumeCheck.CHAR_LSTM.differences(old, charLstm(32, 4, 0.5, 1)));
        assertEquals(List.of(), ResumeCheck.CHAR_LSTM.differences(Map.of(), charLstm(64, 4, 0.5, 1)));
    }

    @Test
    void valuesCompareByMeaningNotBySpelling() {
        Map<String, Object> saved = Map.of("model", Map.of("hidden", 32L, "forget-bias", 1.0, "input", "one-hot"),
                "data", Map.of("newlines", "universal"));
        Map<String, Object> now = Map.of("model", Map.of("hidden", 32, "forget-bias", 1, "input", "ONE_HOT"),
                "data", Map.of("newlines", "UNIVERSAL"));
        assertEquals(List.of(), ResumeCheck.CHAR_LSTM.differences(saved, now));
        assertEquals(List.of(), ResumeCheck.SEQ2SEQ.differences(Map.of("decoder", Map.of("reuse", false)),
                Map.of("decoder", Map.of("reuse", "none"))));
        assertEquals(List.of("encoder.scope null -> \"enc\""), ResumeCheck.SEQ2SEQ.differences(
                nullScope(), Map.of("encoder", Map.of("scope", "enc"))));
    }

    private static Map<String, Object> nullScope() {
        var encoder = new HashMap<String, Object>();
        encoder.put("scope", null);
        return Map.of("encoder", encoder);
    }

    @Test
    void refusalIsOneMessageNamingEveryDifferenceAndTheWayOut() {
        var e = assertThrows(IllegalArgumentException.class, () -> ResumeCheck.CHAR_LSTM.require(
                saved("char-lstm", charLstm(32, 2, 0.8, 1)), charLstm(64, 2, 0.5, 1), RUN));
        String m = e.getMessage();
        assertTrue(m.startsWith("cannot resume run dir /runs/r1: this command sets 2 settings differently from its"
                + " checkpoint (step 120): model.hidden 32 -> 64, model.keep-prob 0.8 -> 0.5."), m);
        assertTrue(m.contains("leave these settings out") && m.contains("start a new --run-dir"), m);
        assertEquals(1, m.lines().count(), m);
    }

    @Test
    void equalSettingsResume() {
        ResumeCheck.CHAR_LSTM.require(saved("char-lstm", charLstm(32, 2, 0.8, 1)), charLstm(32, 2, 0.8, 7), RUN);
    }

    @Test
    void aRunDirOfAnotherModelIsRefusedNamingItsModel() {
        var e = assertThrows(IllegalArgumentException.class, () -> ResumeCheck.SEQ2SEQ.require(
                saved("char-lstm", Map.of()), Map.of(), RUN));
        assertTrue(e.getMessage().contains("it holds a char-lstm run, not a seq2seq one"), e.getMessage());
        assertTrue(e.getMessage().contains("train char-lstm --resume"), e.getMessage());
    }

    @Test
    void anotherPlanIsRefusedNamingWhatChanged() {
        var meta = saved("char-lstm", Map.of("run", Map.of("batchesPerEpoch", 22L, "batchSize", 8L)));
        ResumeCheck.resumedStep(meta, Map.of("batchesPerEpoch", 22, "batchSize", 8, "seqLength", 20), false, RUN);
        var e = assertThrows(IllegalArgumentException.class, () -> ResumeCheck.resumedStep(meta,
                Map.of("batchesPerEpoch", 25, "batchSize", 8), false, RUN));
        assertTrue(e.getMessage().contains("batchesPerEpoch 22 -> 25"), e.getMessage());
        assertTrue(e.getMessage().contains("data.input's content"), e.getMessage());
    }

    /** A char-LSTM config of {@code workers} x {@code batch} under a learning-rate rule, with its plan. */
    private static Map<String, Object> workers(int workers, int batch, String scaling, int warmup) {
        return Map.of("model", Map.of("type", "char-lstm", "hidden", 32), "train", Map.of("workers", workers,
                "batch-size", batch, "lr-scaling", scaling, "warmup-steps", warmup, "epochs", 2));
    }

    private static CheckpointMetadata savedAt(long step, Map<String, Object> config) {
        return new CheckpointMetadata("char-lstm", Map.of(), List.of("a", "b"), step, 1, null, 7L, config, Map.of(),
                "2026-01-01T00:00:00Z");
    }

    @Test
    void aWorkerCountChangedKeepingTheGlobalBatchResumes() {
        ResumeCheck.CHAR_LSTM.require(savedAt(80, workers(4, 12, "none", 0)), workers(8, 6, "none", 0), RUN);
        ResumeCheck.CHAR_LSTM.require(savedAt(80, workers(8, 6, "none", 0)), workers(2, 24, "NONE", 0), RUN);
    }

    @Test
    void aWorkerCountChangedAgainstTheRuleIsRefusedInOneLineNamingBothValuesAndTheRule() {
        for (Map<String, Object> now : List.of(workers(8, 12, "none", 0), workers(8, 6, "linear", 0),
                workers(8, 6, "none", 20))) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> ResumeCheck.CHAR_LSTM.require(savedAt(80, workers(4, 12, "none", 0)), now, RUN));
            String m = e.getMessage();
            assertTrue(m.startsWith("cannot resume run dir /runs/r1: train.workers 4 -> 8 with train.batch-size 12 -> "),
                    m);
            assertTrue(m.contains("only keeping the global batch (train.workers x train.batch-size the same, 48 -> "),
                    m);
            assertTrue(m.contains("with train.lr-scaling = none and train.warmup-steps = 0"), m);
            assertEquals(-1, m.indexOf('\n'), "one line: " + m);
        }
    }

    @Test
    void aWorkerCountChangedBesideAnotherKeptSettingIsRefusedListingBoth() {
        var now = new HashMap<String, Object>(workers(8, 6, "none", 0));
        now.put("model", Map.of("type", "char-lstm", "hidden", 64));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ResumeCheck.CHAR_LSTM.require(savedAt(80, workers(4, 12, "none", 0)), now, RUN));
        assertTrue(e.getMessage().contains("model.hidden 32 -> 64"), e.getMessage());
        assertTrue(e.getMessage().contains("train.workers 4 -> 8"), e.getMessage());
    }

    @Test
    void aNewBatchSizeUnderTheRuleConvertsTheStepToTheSamePlaceInTheEpoch() {
        // 480 windows: 40 minibatches of 12 per epoch, 80 of 6, 60 of 8
        Map<String, Object> before = Map.of("batchesPerEpoch", 40L, "batchesPerRound", 20, "batchSize", 12,
                "trainWindows", 480L, "windowOrder", "feistel-v1");
        Map<String, Object> half = Map.of("batchesPerEpoch", 80L, "batchesPerRound", 40, "batchSize", 6,
                "trainWindows", 480L, "windowOrder", "feistel-v1");
        assertEquals(160, ResumeCheck.resumedStep(savedAt(80, Map.of("run", before)), half, true, RUN), "end of epoch 2");
        assertEquals(90, ResumeCheck.resumedStep(savedAt(45, Map.of("run", before)), half, true, RUN),
                "5 x 12 sequences into epoch 2 = 10 x 6");
        Map<String, Object> eights = Map.of("batchesPerEpoch", 60L, "batchSize", 8, "trainWindows", 480L,
                "windowOrder", "feistel-v1");
        var e = assertThrows(IllegalArgumentException.class,
                () -> ResumeCheck.resumedStep(savedAt(45, Map.of("run", before)), eights, true, RUN));
        assertTrue(e.getMessage().contains("stopped after minibatch 5 of 40 of epoch 2, 60 sequences into the epoch, "
                + "not a whole number of minibatches of 8"), e.getMessage());
        var seq2seq = Map.<String, Object>of("batchesPerEpoch", 80L, "batchSize", 6);
        var e2 = assertThrows(IllegalArgumentException.class, () -> ResumeCheck.resumedStep(
                savedAt(45, Map.of("run", Map.of("batchesPerEpoch", 40L, "batchSize", 12))), seq2seq, true, RUN));
        assertTrue(e2.getMessage().contains("this model's epoch order depends on the batch size"), e2.getMessage());
        var unruled = assertThrows(IllegalArgumentException.class,
                () -> ResumeCheck.resumedStep(savedAt(80, Map.of("run", before)), half, false, RUN));
        assertTrue(unruled.getMessage().contains("batchSize 12 -> 6"), "without the worker rule: " + unruled.getMessage());
        var otherText = new HashMap<String, Object>(half);
        otherText.put("trainWindows", 500L);
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> ResumeCheck.resumedStep(savedAt(80, Map.of("run", before)), otherText, true, RUN));
        assertTrue(e3.getMessage().contains("trainWindows 480 -> 500"), e3.getMessage());
    }

    @Test
    void aCheckpointMidEpochInAnotherWindowOrderIsRefusedAndOneAtAnEpochsEndResumes() {
        // step 120: minibatch 20 of epoch 3 at 50 per epoch; the end of epoch 3 at 40 per epoch
        var old = saved("char-lstm", Map.of("run", Map.of("batchesPerEpoch", 50L, "batchSize", 8L)));
        var e = assertThrows(IllegalArgumentException.class, () -> ResumeCheck.resumedStep(old,
                Map.of("batchesPerEpoch", 50L, "batchSize", 8, "windowOrder", "feistel-v1"), false, RUN));
        assertTrue(e.getMessage().contains("stopped after minibatch 20 of 50 of epoch 3"), e.getMessage());
        assertTrue(e.getMessage().contains("an earlier version (driver-side order)"), e.getMessage());
        assertTrue(e.getMessage().contains("\"feistel-v1\""), e.getMessage());
        var atEnd = saved("char-lstm", Map.of("run", Map.of("batchesPerEpoch", 40L, "batchSize", 8L)));
        ResumeCheck.resumedStep(atEnd, Map.of("batchesPerEpoch", 40L, "windowOrder", "feistel-v1"), false, RUN);
        var same = saved("char-lstm", Map.of("run", Map.of("batchesPerEpoch", 50L, "windowOrder", "feistel-v1")));
        ResumeCheck.resumedStep(same, Map.of("batchesPerEpoch", 50L, "windowOrder", "feistel-v1"), false, RUN);
        var other = saved("char-lstm", Map.of("run", Map.of("batchesPerEpoch", 50L, "windowOrder", "feistel-v0")));
        var e2 = assertThrows(IllegalArgumentException.class, () -> ResumeCheck.resumedStep(other,
                Map.of("batchesPerEpoch", 50L, "windowOrder", "feistel-v1"), false, RUN));
        assertTrue(e2.getMessage().contains("ordered by \"feistel-v0\""), e2.getMessage());
    }

    @Test
    void everyCharLstmSettingIsEitherKeptOrFree() {
        checkClassified(ResumeCheck.CHAR_LSTM, "conf/char-lstm.conf");
    }

    @Test
    void everySeq2SeqSettingIsEitherKeptOrFree() {
        checkClassified(ResumeCheck.SEQ2SEQ, "conf/seq2seq.conf");
    }

    /** A new config key must be sorted into one list, or a resume could silently ignore it. */
    private static void checkClassified(ResumeCheck check, String defaults) {
        var keys = new TreeSet<String>();
        ConfigLoader.defaults(defaults).entrySet().forEach(e -> keys.add(e.getKey()));
        assertTrue(keys.contains("model.hidden"), "read " + defaults);
        var unsorted = new ArrayList<String>();
        for (String key : keys) {
            boolean kept = check.kept().contains(key);
            boolean free = check.free().stream().anyMatch(f -> f.endsWith(".") ? key.startsWith(f) : f.equals(key));
            if (kept == free && !key.startsWith("tasks.")) {
                unsorted.add(key + (kept ? " (in both lists)" : " (in neither list)"));
            }
        }
        assertEquals(List.of(), unsorted, defaults);
        check.kept().forEach(k -> assertTrue(keys.contains(k), k + " is not a key of " + defaults));
    }

    /** The table's "may change on resume" flags keep the lists ResumeCheck held before the table existed. */
    @Test
    void theTablesFlagsKeepTheSettingsResumeAlwaysKept() {
        assertEquals(new TreeSet<>(List.of("model.type", "model.layers", "model.hidden", "model.input",
                "model.embedding-size", "model.keep-prob", "model.forget-bias", "model.root-scope", "data.input",
                "data.seq-length", "data.validation-fraction", "data.max-chars", "data.newlines", "train.batch-size",
                "train.workers", "train.averaging-frequency", "train.seed")), new TreeSet<>(ResumeCheck.CHAR_LSTM.kept()));
        assertEquals(new TreeSet<>(List.of("model.type", "model.embedding-size", "model.hidden",
                "model.shared-embedding", "encoder.scope", "decoder.scope", "decoder.reuse", "data.task", "data.input",
                "data.max-pairs", "data.max-source-length", "data.max-target-length", "data.reverse",
                "data.validation-fraction", "data.copy-examples", "train.batch-size", "train.workers",
                "train.averaging-frequency", "train.seed")), new TreeSet<>(ResumeCheck.SEQ2SEQ.kept()));
        assertTrue(ResumeCheck.CHAR_LSTM.free().containsAll(List.of("model.lstm-impl", "train.learning-rate",
                "sample.prime", "report.epoch-sample-chars", "spark.master", "spark.conf")), ResumeCheck.CHAR_LSTM.free()
                .toString());
        assertTrue(ResumeCheck.SEQ2SEQ.free().containsAll(List.of("train.stop-at-sequence-accuracy", "translate.beam")));
    }
}
