package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.Fixtures;

/** The acceptance figures: checkpoints written by TensorFlow and by ml5.js, scored by {@code evaluate}. */
class FixturesTest {

    @TempDir
    Path dir;

    private static double natsPerChar(CliRun run) {
        assertEquals(0, run.exitCode(), run.err());
        return Double.parseDouble(run.lastLine().split(" ")[0].substring("nats/char=".length()));
    }

    @Test
    void evaluateReproducesTensorFlowsProbeLoss() throws IOException {
        Path fixture = Fixtures.get("tf1-char-lstm");
        var probe = new ObjectMapper().readTree(fixture.resolve("probe.json").toFile());
        Path text = Files.writeString(dir.resolve("probe.txt"), probe.get("text").asText());

        double nll = natsPerChar(CliRun.of("evaluate", "--checkpoint", fixture.resolve("model.ckpt").toString(),
            "--vocab", fixture.resolve("vocab.json").toString(), "--text", text.toString()));

        assertEquals(probe.get("mean_nll").asDouble(), nll, 1e-4);
    }

    @Test
    void evaluateReproducesZoraNealeHurstonReference() {
        Path fixture = Fixtures.get("ml5-charrnn/zora_neale_hurston");
        assertEquals(2.0841, natsPerChar(CliRun.of("evaluate", "--checkpoint", fixture.toString(), "--text",
            fixture.resolve("text.txt").toString(), "--max-chars", "20000")), 1e-3);
    }

    @Test
    void evaluateReproducesDarwinReferenceWithPreTf12Names() {
        Path fixture = Fixtures.get("ml5-charrnn/darwin");
        assertEquals(1.9013, natsPerChar(CliRun.of("evaluate", "--checkpoint", fixture.toString(), "--text",
            fixture.resolve("text.txt").toString(), "--max-chars", "20000")), 1e-3);
    }

    @Test
    void tensorFlowCheckpointWithoutVocabularyAsksForOne() throws IOException {
        Path fixture = Fixtures.get("tf1-char-lstm");
        for (String file : new String[] {"model.ckpt.index", "model.ckpt.data-00000-of-00001"}) {
            Files.copy(fixture.resolve(file), dir.resolve(file));
        }
        CliRun run = CliRun.of("sample", "--checkpoint", dir.resolve("model.ckpt").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("has no vocabulary") && run.err().contains("--vocab"), run.err());
    }

    @Test
    void vocabularyOfTheWrongSizeIsAnError() throws IOException {
        Path fixture = Fixtures.get("tf1-char-lstm");
        Path vocab = Files.writeString(dir.resolve("small-vocab.json"), "[\"a\", \"b\", \"c\"]");
        CliRun run = CliRun.of("sample", "--checkpoint", fixture.resolve("model.ckpt").toString(), "--vocab",
            vocab.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("3 characters") && run.err().contains("63 outputs"), run.err());
    }

    @Test
    void fineTuningOnTextWithCharactersOutsideTheModelsVocabularyIsAnError() throws IOException {
        Path fixture = Fixtures.get("tf1-char-lstm");
        Path corpus = Files.writeString(dir.resolve("swiss.txt"), "Grüezi mitenand, Zürich! ".repeat(200));
        CliRun run = CliRun.of("train", "char-lstm", "--init-from", fixture.resolve("model.ckpt").toString(),
            "--input", corpus.toString(), "--run-dir", dir.resolve("run").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("outside the model's vocabulary") && run.err().contains("'ü'"), run.err());
    }

    @Test
    void inspectListsTensorFlowVariablesAsTensorFlowWould() {
        Path fixture = Fixtures.get("tf1-char-lstm");
        CliRun run = CliRun.of("inspect", "--checkpoint", fixture.resolve("model.ckpt").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias\t[128]\tfloat32",
            run.out().lines().filter(l -> l.contains("cell_0/basic_lstm_cell/bias")).findFirst().orElseThrow());
    }
}
