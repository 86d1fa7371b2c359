package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.NodePeer;
import org.scopedrnn.PythonPeer;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.report.ReportChecks;
import org.scopedrnn.report.RunReport;
import org.scopedrnn.report.TensorBoardChecks;

/**
 * A model trained here, exported, and read by the real peers: TensorFlow (a TF1 Saver restore
 * under anna_writer.py's scopes, then BasicLSTMCell math in TF ops) and tfjs (ml5's cell), each
 * giving the loss our {@code evaluate} gives; and imported back bit-identical. The run's
 * TensorBoard event files, read by TensorBoard, hold its metrics.csv and its epoch sample.
 */
class InteropTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path corpus;
    static Path checkpoint;
    static final int CHARS = 300;

    @BeforeAll
    static void trainOnce() throws IOException {
        corpus = TestCorpora.write(dir, "corpus.txt", TestCorpora.annaPrefix(3000));
        CliRun run = CliRun.of(MainTest.concat(new String[] {"train", "char-lstm", "--input", corpus.toString(),
            "--run-dir", dir.resolve("run").toString(), "--epochs", "1"}, MainTest.TINY));
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> s = Files.list(dir.resolve("run/checkpoints"))) {
            checkpoint = s.filter(p -> p.getFileName().toString().startsWith("step-")).findFirst().orElseThrow();
        }
    }

    private static double ourLoss(Path ckpt) {
        CliRun run = CliRun.of("evaluate", "--checkpoint", ckpt.toString(), "--text", corpus.toString(),
            "--max-chars", String.valueOf(CHARS));
        assertEquals(0, run.exitCode(), run.err());
        return Double.parseDouble(run.lastLine().split(" ")[0].substring("nats/char=".length()));
    }

    @Test
    void tensorFlowRestoresOurExportWithASaverAndComputesOurLoss() throws IOException {
        Path prefix = dir.resolve("tf/model.ckpt");
        CliRun export = CliRun.of("export", "--checkpoint", checkpoint.toString(), "--format", "tf", "--out",
            prefix.toString());
        assertEquals(0, export.exitCode(), export.err());

        JsonNode tf = new ObjectMapper().readTree(PythonPeer.lastLine(PythonPeer.run("/interop/tf_char_lstm_loss.py",
            prefix.toString(), dir.resolve("tf/model.ckpt.vocab.json").toString(), corpus.toString(),
            String.valueOf(CHARS))));

        assertEquals(CHARS, tf.get("chars").asInt());
        assertEquals(ourLoss(checkpoint), tf.get("mean_nll").asDouble(), 1e-4);
        long ourStep = ((LongTensor) read(checkpoint).get("global_step")).values()[0];
        assertTrue(ourStep > 0);
        assertEquals(ourStep, tf.get("global_step").asLong(), "global_step as TensorFlow restored it");
    }

    @Test
    void tfjsScoresOurMl5ExportWithOurLoss() throws Exception {
        Path ml5 = dir.resolve("ml5");
        CliRun export = CliRun.of("export", "--checkpoint", checkpoint.toString(), "--format", "ml5", "--out",
            ml5.toString());
        assertEquals(0, export.exitCode(), export.err());

        String out = NodePeer.run("ml5_loss.js", ml5.toString(), corpus.toString(), String.valueOf(CHARS));
        JsonNode tfjs = new ObjectMapper().readTree(PythonPeer.lastLine(out));

        assertEquals(ourLoss(checkpoint), tfjs.get("mean_nll").asDouble(), 1e-4);
        assertEquals(ourLoss(checkpoint), ourLoss(ml5), 1e-5);
    }

    @Test
    void tensorBoardReadsTheRunsMetricsAndItsEpochSample() throws IOException {
        Path run = dir.resolve("run");
        List<TensorBoardChecks.Texts> texts = TensorBoardChecks.assertMatchesMetrics(run, RunReport.Unit.CHARS);

        assertEquals(1, texts.size(), "one sample after the one epoch: " + texts);
        assertEquals(1, texts.get(0).texts().size());
        long validationStep = ReportChecks.rows(run, "chars_per_second").stream()
                .filter(r -> !Double.isNaN(r.validation())).findFirst().orElseThrow().step();
        assertEquals(validationStep, texts.get(0).step(), "the sample is logged at the step the epoch ended");
        String html = Files.readString(run.resolve("report.html"));
        String sample = texts.get(0).texts().get(0);
        assertTrue(html.contains("<pre>" + TensorBoardChecks.html(sample) + "</pre>"), sample + " in " + html);
    }

    @Test
    void tensorFlowExportImportsBackBitIdentical() throws IOException {
        Path prefix = dir.resolve("roundtrip/model.ckpt");
        Path back = dir.resolve("roundtrip-native");
        assertEquals(0, CliRun.of("export", "--checkpoint", checkpoint.toString(), "--format", "tf", "--out",
            prefix.toString()).exitCode());
        CliRun imported = CliRun.of("import", "--in", prefix.toString(), "--out", back.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertSameTensors(read(checkpoint), read(back), true);
    }

    @Test
    void ml5ExportImportsBackWithIdenticalWeights() throws IOException {
        Path ml5 = dir.resolve("ml5-roundtrip");
        Path back = dir.resolve("ml5-roundtrip-native");
        assertEquals(0, CliRun.of("export", "--checkpoint", checkpoint.toString(), "--format", "ml5", "--out",
            ml5.toString()).exitCode());
        CliRun imported = CliRun.of("import", "--in", ml5.toString(), "--out", back.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        // ml5 keeps weights only, with the one-hot input as an identity embedding
        Map<String, Tensor> original = read(checkpoint);
        Map<String, Tensor> roundTrip = read(back);
        for (String name : roundTrip.keySet()) {
            if (original.containsKey(name)) {
                assertArrayEquals(((FloatTensor) original.get(name)).values(),
                        ((FloatTensor) roundTrip.get(name)).values(), name);
            }
        }
        assertEquals(ourLoss(checkpoint), ourLoss(back), 1e-5);
    }

    @Test
    void fineTuningStartsFromAnImportedMl5Model() throws IOException {
        Path ml5 = dir.resolve("ml5-for-init");
        assertEquals(0, CliRun.of("export", "--checkpoint", checkpoint.toString(), "--format", "ml5", "--out",
            ml5.toString()).exitCode());
        Path run = dir.resolve("run-init");
        CliRun train = CliRun.of(MainTest.concat(new String[] {"train", "char-lstm", "--init-from", ml5.toString(),
            "--input", corpus.toString(), "--run-dir", run.toString(), "--epochs", "1"}, MainTest.TINY));
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.err().contains("initialised from ml5 checkpoint"), train.err());
        Path tuned;
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            tuned = s.filter(p -> p.getFileName().toString().startsWith("step-")).findFirst().orElseThrow();
        }
        // the ml5 model embeds its input, and fine-tuning keeps its architecture
        assertTrue(read(tuned).containsKey("embedding"));
        assertTrue(ourLoss(tuned) < ourLoss(checkpoint) + 0.05, "fine-tuning should not undo the training");
    }

    @Test
    void exportRefusesToOverwriteAnExistingPrefix() {
        Path prefix = dir.resolve("twice/model.ckpt");
        assertEquals(0, CliRun.of("export", "--checkpoint", checkpoint.toString(), "--format", "tf", "--out",
            prefix.toString()).exitCode());
        CliRun again = CliRun.of("export", "--checkpoint", checkpoint.toString(), "--format", "tf", "--out",
            prefix.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    private static Map<String, Tensor> read(Path native_) throws IOException {
        return NativeCheckpoint.read(new org.apache.hadoop.fs.Path(native_.toString()), new Configuration()).variables();
    }

    private static void assertSameTensors(Map<String, Tensor> a, Map<String, Tensor> b, boolean sameNames) {
        if (sameNames) {
            assertEquals(new java.util.TreeSet<>(a.keySet()), new java.util.TreeSet<>(b.keySet()));
        }
        for (String name : a.keySet()) {
            assertEquals(a.get(name), b.get(name), name);
        }
    }
}
