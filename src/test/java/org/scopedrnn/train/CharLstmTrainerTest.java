package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.config.AveragingPeriod;
import org.scopedrnn.config.LearningRateScaling;

class CharLstmTrainerTest extends SparkTestBase {

    @TempDir
    static java.nio.file.Path dir;

    static java.nio.file.Path corpus;
    static final Configuration HADOOP = new Configuration();

    @BeforeAll
    static void corpus() {
        corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(4000));
    }

    private static TrainResult train(CharLstmJob job, java.nio.file.Path runDir, boolean resume) throws IOException {
        var out = new ByteArrayOutputStream();
        var trainer = new CharLstmTrainer(job, new Path(runDir.toString()), resume, HADOOP,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return trainer.run(sc());
    }

    @Test
    void trainingLeavesCanonicalCheckpointAndSample() throws IOException {
        TrainResult result = train(TinyJobs.job(corpus, 1, 0, 8), dir.resolve("run-basic"), false);

        Checkpoint ckpt = NativeCheckpoint.read(result.lastCheckpoint(), HADOOP);
        int vocab = ckpt.metadata().vocabulary().size();
        assertEquals(List.of(vocab + 16L, 64L), asList(ckpt.variables().get(
                "lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel").shape()));
        assertEquals(List.of(32L, 64L), asList(ckpt.variables().get(
                "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel").shape()));
        assertEquals(List.of(64L), asList(ckpt.variables().get(
                "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias").shape()));
        assertEquals(List.of(16L, (long) vocab), asList(ckpt.variables().get("softmax/weights").shape()));
        assertEquals(List.of((long) vocab), asList(ckpt.variables().get("softmax/biases").shape()));
        assertTrue(ckpt.variables().containsKey("softmax/weights/Adam"));
        assertTrue(ckpt.variables().containsKey("softmax/weights/Adam_1"));
        assertTrue(ckpt.variables().containsKey("beta1_power"));
        assertTrue(ckpt.variables().get("global_step") instanceof LongTensor);
        assertEquals(result.step(), ckpt.metadata().step());
        assertEquals(1, ckpt.metadata().epoch());
        assertTrue(Double.isFinite(result.validation()) && result.validation() > 0);
        assertEquals(result.validation(), ckpt.metadata().validationLoss(), 1e-12);
        assertTrue(result.sample().startsWith("The "));
        assertEquals(44, result.sample().codePointCount(0, result.sample().length()));
    }

    @Test
    void trainingLeavesMetricsCsvAndReportWithPlotsAndEpochSamples() throws IOException {
        java.nio.file.Path runDir = dir.resolve("run-report");
        TrainResult result = train(TinyJobs.job(corpus, 2, 0, 8), runDir, false);

        var rows = org.scopedrnn.report.ReportChecks.check(runDir, "chars_per_second", 2);
        assertEquals(result.step(), rows.get(rows.size() - 1).step());
        String html = java.nio.file.Files.readString(runDir.resolve("report.html"));
        assertEquals(2, html.split("<pre>The ", -1).length - 1, "one sample per epoch, primed: " + html);
    }

    @Test
    void trainingLowersValidationLoss() throws IOException {
        TrainResult one = train(TinyJobs.job(corpus, 1, 0, 8), dir.resolve("run-loss-1"), false);
        TrainResult three = train(TinyJobs.job(corpus, 4, 0, 8), dir.resolve("run-loss-4"), false);
        assertTrue(three.validation() < one.validation() - 0.05,
                "4 epochs " + three.validation() + " vs 1 epoch " + one.validation());
    }

    @Test
    void resumedRunEndsWithSameWeightsAsUninterrupted() throws IOException {
        assertResumeReplaysTheRun(TinyJobs.job(corpus, 2, 4, 8), "run");
    }

    @Test
    void resumedRunOverAGlobOfSeveralFilesAndAnEmptyOneEndsWithSameWeightsAsUninterrupted() throws IOException {
        // the same 4,000 characters as three files and an empty one: windows never span two files, and
        // the epoch's order is drawn over all of them, so the cut in epoch 2 must replay across files
        java.nio.file.Path books = java.nio.file.Files.createDirectories(dir.resolve("books"));
        String text = TestCorpora.annaPrefix(4000);
        for (int f = 0; f < 3; f++) {
            TestCorpora.write(books, "part-" + f + ".txt", text.substring(f * 1333, f == 2 ? 4000 : (f + 1) * 1333));
        }
        TestCorpora.write(books, "empty.txt", "");
        assertResumeReplaysTheRun(TinyJobs.job(books.resolve("*.txt"), 2, 4, 8), "run-glob");
    }

    @Test
    void resumedRunInsideTheWarmupEndsWithSameWeightsAndRates() throws IOException {
        // 22 minibatches per epoch in rounds of 2 workers x 2: DL4J's driver counts 2 steps per worker
        // per round, 12 per epoch, so the whole run, and the cut in epoch 2, lies inside a 24-step warm-up
        CharLstmJob job = TinyJobs.job(corpus, 2, 4, 8, LearningRateScaling.LINEAR, 24);
        java.nio.file.Path whole = assertResumeReplaysTheRun(job, "run-warmup");

        var rows = org.scopedrnn.report.ReportChecks.check(whole, "chars_per_second", 2);
        var optimizer = job.train().optimizer(1);
        long iteration = 0;
        for (var row : rows) {
            iteration += Double.isNaN(row.train()) ? 0 : 2;
            assertEquals(optimizer.learningRateAt(iteration), row.learningRate(), 1e-7, "step " + row.step());
        }
        assertEquals(0.01 + 0.01 * 2 / 24, rows.get(0).learningRate(), 1e-7, "2 steps per worker into the warm-up");
        assertEquals(0.02, rows.get(rows.size() - 1).learningRate(), 1e-7, "after the warm-up: 2 workers x 0.01");
    }

    @Test
    void resumedAutoAveragingRunTakesTheSamePeriodsAndEndsWithSameWeights() throws IOException {
        CharLstmJob job = TinyJobs.job(corpus, 2, 4, 8, LearningRateScaling.LINEAR, 0, AveragingPeriod.AUTO);
        java.nio.file.Path whole = assertResumeReplaysTheRun(job, "run-auto");

        var rounds = org.scopedrnn.report.ReportChecks.check(whole, "chars_per_second", 2).stream()
                .filter(r -> !Double.isNaN(r.train())).toList();
        assertEquals(AveragingSchedule.AUTO_FIRST, rounds.get(0).period());
        assertTrue(rounds.stream().allMatch(r -> r.period() >= 1 && r.period() <= AveragingPeriod.AUTO_LONGEST),
                "periods " + rounds);
        var cut = org.scopedrnn.report.ReportChecks.rows(dir.resolve("run-auto-cut"), "chars_per_second").stream()
                .filter(r -> !Double.isNaN(r.train())).toList();
        assertEquals(rounds.stream().map(r -> r.step() + "x" + r.period()).toList(),
                cut.stream().map(r -> r.step() + "x" + r.period()).toList(),
                "the resumed run averages at the same steps with the same periods");
        Checkpoint last = NativeCheckpoint.read(new RunDir(new Path(whole.toString()), HADOOP).store(100).latest()
                .orElseThrow(), HADOOP);
        assertTrue(last.metadata().config().get(Checkpointing.AVERAGING_STATE) instanceof Map<?, ?> state
                && state.get("period") instanceof Number, "the schedule's state in " + last.metadata().config());
    }

    @Test
    void resumeWithTwiceTheWorkersAtHalfTheBatchTrainsOnAndOneBreakingTheRuleIsRefused() throws IOException {
        java.nio.file.Path run = dir.resolve("run-workers");
        TrainResult first = train(TinyJobs.globalBatch(corpus, 1, 2, 8), run, false);
        var e = assertThrows(IllegalArgumentException.class,
                () -> train(TinyJobs.globalBatch(corpus, 2, 4, 8), run, true));
        assertTrue(e.getMessage().contains("train.workers 2 -> 4 with train.batch-size 8 -> 8"), e.getMessage());
        assertTrue(e.getMessage().contains("only keeping the global batch"), e.getMessage());
        assertEquals(first.lastCheckpoint(), new RunDir(new Path(run.toString()), HADOOP).store(100).latest()
                .orElseThrow(), "the refused resume left the run dir as it was");

        TrainResult resumed = train(TinyJobs.globalBatch(corpus, 2, 4, 4), run, true);
        Checkpoint last = NativeCheckpoint.read(resumed.lastCheckpoint(), HADOOP);
        var plan = (Map<?, ?>) last.metadata().config().get("run");
        long perEpoch = ((Number) plan.get("batchesPerEpoch")).longValue();
        assertEquals(4, ((Number) plan.get("batchSize")).intValue());
        assertTrue(perEpoch >= 2 * first.step(), "minibatches of 4: " + perEpoch + " vs " + first.step() + " of 8");
        assertEquals(2 * perEpoch, resumed.step(), "epoch 1 counted as " + perEpoch + " minibatches of 4, then epoch 2");
        assertEquals(2, last.metadata().epoch());
        assertTrue(Double.isFinite(resumed.validation()) && resumed.validation() > 0);
        Checkpoint atEpoch1 = NativeCheckpoint.read(first.lastCheckpoint(), HADOOP);
        long stepsBefore = ((LongTensor) atEpoch1.variables().get("global_step")).values()[0];
        long stepsAfter = ((LongTensor) last.variables().get("global_step")).values()[0];
        assertTrue(stepsAfter > stepsBefore, "Adam's step count went on from " + stepsBefore + ": " + stepsAfter);
    }

    /** Trains {@code job} whole and cut at a mid-epoch checkpoint of epoch 2 then resumed; returns the whole run's dir. */
    private static java.nio.file.Path assertResumeReplaysTheRun(CharLstmJob job, String name) throws IOException {
        java.nio.file.Path whole = dir.resolve(name + "-whole");
        java.nio.file.Path cut = dir.resolve(name + "-cut");
        TrainResult reference = train(job, whole, false);

        // the interrupted run got as far as a mid-epoch checkpoint of epoch 2
        train(job, cut, false);
        var store = new RunDir(new Path(cut.toString()), HADOOP).store(100);
        List<Path> all = store.list();
        Path keep = all.get(all.size() - 3);
        FileSystem fs = keep.getFileSystem(HADOOP);
        for (Path p : all.subList(all.size() - 2, all.size())) {
            fs.delete(p, true);
        }
        long stepAtCut = NativeCheckpoint.readMetadata(keep, HADOOP).step();
        assertTrue(stepAtCut % 16 != 0 && stepAtCut > 16, "a mid-epoch checkpoint of epoch 2, got step " + stepAtCut);

        TrainResult resumed = train(job, cut, true);

        assertEquals(reference.step(), resumed.step());
        Map<String, Tensor> a = NativeCheckpoint.read(reference.lastCheckpoint(), HADOOP).variables();
        Map<String, Tensor> b = NativeCheckpoint.read(resumed.lastCheckpoint(), HADOOP).variables();
        assertEquals(a.keySet(), b.keySet());
        assertEquals(((LongTensor) a.get("global_step")).values()[0], ((LongTensor) b.get("global_step")).values()[0]);
        for (String name2 : a.keySet()) {
            if (a.get(name2) instanceof FloatTensor fa) {
                float[] x = fa.values();
                float[] y = ((FloatTensor) b.get(name2)).values();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-4 * Math.max(1, Math.abs(x[i])), name2 + "[" + i + "]");
                }
            }
        }
        assertEquals(reference.validation(), resumed.validation(), 1e-4);
        return whole;
    }

    @Test
    void runDirWithCheckpointsIsRefusedWithoutResume() throws IOException {
        java.nio.file.Path run = dir.resolve("run-twice");
        train(TinyJobs.job(corpus, 1, 0, 8), run, false);
        var e = assertThrows(IllegalArgumentException.class, () -> train(TinyJobs.job(corpus, 1, 0, 8), run, false));
        assertTrue(e.getMessage().contains("already holds checkpoints"), e.getMessage());
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void resumeWithDifferentBatchSizeIsRefused() throws IOException {
        java.nio.file.Path run = dir.resolve("run-batch");
        train(TinyJobs.job(corpus, 1, 0, 8), run, false);
        var e = assertThrows(IllegalArgumentException.class, () -> train(TinyJobs.job(corpus, 2, 0, 4), run, true));
        assertTrue(e.getMessage().contains("cannot resume"), e.getMessage());
    }

    @Test
    void resumeOfFinishedRunTrainsNothingMore() throws IOException {
        java.nio.file.Path run = dir.resolve("run-done");
        TrainResult first = train(TinyJobs.job(corpus, 1, 0, 8), run, false);
        TrainResult again = train(TinyJobs.job(corpus, 1, 0, 8), run, true);
        assertEquals(first.step(), again.step());
        assertFalse(again.sample().isEmpty());
    }

    private static List<Long> asList(long[] shape) {
        return java.util.Arrays.stream(shape).boxed().toList();
    }

    @Test
    void resumeFromACheckpointWhoseSpecClaimsAHugeModelFailsBeforeBuildingIt() throws IOException {
        java.nio.file.Path runDir = dir.resolve("run-hostile-spec");
        var vocab = org.scopedrnn.data.Vocabulary.of(TestCorpora.annaPrefix(4000));
        // 2 x LSTM(1,000,000): kernels of ~4e12 floats, while the file holds one small tensor
        var spec = new org.scopedrnn.model.CharLstmSpec(vocab.size(), 2, 1_000_000,
                org.scopedrnn.model.InputKind.ONE_HOT, 0, 0.8, 1.0, "lstm_cell");
        var meta = new org.scopedrnn.checkpoint.CheckpointMetadata(CharLstmTrainer.MODEL_TYPE, spec.toMap(),
                vocab.symbols(), 1, 0, null, 7L, Map.of(), Map.of(), "2026-01-01T00:00:00Z");
        new RunDir(new Path(runDir.toString()), HADOOP).store(1)
                .save(new Checkpoint(Map.of("global_step", LongTensor.scalar(1)), meta));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(TinyJobs.job(corpus, 1, 0, 8), runDir, true));
        assertTrue(e.getMessage().startsWith("weights do not match the checkpoint's model spec"), e.getMessage());
        assertTrue(e.getMessage().contains("missing [lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias"),
                e.getMessage());
    }
}
