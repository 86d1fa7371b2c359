package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.Fixtures;

/** The fix a message suggests is one the command offers: its own option names, never another command's. */
class CommandHintsTest {

    @TempDir
    Path dir;

    private final String model = Fixtures.get("tf1-char-lstm").resolve("model.ckpt").toString();

    private static CliRun refused(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        return run;
    }

    @Test
    void samplePrimedWithUnknownCharactersNamesThePrimeNotSkipUnknown() {
        CliRun run = refused("sample", "--checkpoint", model, "--prime", "日本");

        assertTrue(run.err().contains(
                "--prime \"日本\": 2 character(s) are not in the model's vocabulary: ['日', '本']"), run.err());
        assertTrue(run.err().contains("its 63 are ['\\n', ' ', '!'"), run.err());
        assertFalse(run.err().contains("--skip-unknown"), run.err());
    }

    @Test
    void evaluateWithUnknownCharactersOffersSkipUnknown() throws IOException {
        Path text = Files.writeString(dir.resolve("swiss.txt"), "Grüezi");
        CliRun run = refused("evaluate", "--checkpoint", model, "--text", text.toString());
        assertTrue(run.err().contains("--text " + text + ": 1 character(s) are not in the model's vocabulary: ['ü']"),
                run.err());
        assertTrue(run.err().contains("pass --skip-unknown"), run.err());
    }

    @Test
    void evaluateOfAnEmptyOrMissingTextNamesTextNotInput() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        for (Path text : new Path[] {empty, dir.resolve("missing.txt"), dir}) {
            CliRun run = refused("evaluate", "--checkpoint", model, "--text", text.toString());
            assertTrue(run.err().contains("corpus " + text) && run.err().contains("--text must name"), run.err());
            assertFalse(run.err().contains("--input"), run.err());
        }
    }

    @Test
    void describeOfAMissingCorpusNamesTheConfigKeyItHasNoInputOption() {
        String missing = dir.resolve("missing.txt").toString();
        CliRun run = refused("describe", "--set", "data.input=" + missing);
        assertTrue(run.err().contains("corpus " + missing + " does not exist: data.input (--set data.input=FILE)"),
                run.err());
        assertFalse(run.err().contains("--input"), run.err());
    }

    @Test
    void trainingStillPointsAtInput() {
        String missing = dir.resolve("typo.txt").toString();
        CliRun run = CliRun.of("train", "char-lstm", "--input", missing, "--run-dir", dir.resolve("run").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("corpus " + missing + " does not exist: --input must name an existing"),
                run.err());
    }
}
