package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.Fixtures;

/**
 * {@code export} never replaces what exists and writes only what it names: two models exported into
 * one directory keep their own vocabularies, and no Hadoop checksum side files appear.
 */
class ExportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Path fixture = Fixtures.get("tf1-char-lstm");

    private Path probeText() throws IOException {
        return Files.writeString(dir.resolve("probe.txt"),
                JSON.readTree(fixture.resolve("probe.json").toFile()).get("text").asText());
    }

    private static double natsPerChar(CliRun run) {
        assertEquals(0, run.exitCode(), run.err());
        return Double.parseDouble(run.lastLine().split(" ")[0].substring("nats/char=".length()));
    }

    private double evaluate(Path checkpoint, Path text, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--checkpoint", checkpoint.toString(), "--text",
                text.toString(), "--max-chars", "2000"));
        args.addAll(List.of(more));
        return natsPerChar(CliRun.of(args.toArray(String[]::new)));
    }

    private CliRun export(String format, Path out, String... more) {
        return export(fixture.resolve("model.ckpt"), format, out, more);
    }

    private static CliRun export(Path checkpoint, String format, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("export", "--checkpoint", checkpoint.toString(), "--format", format,
                "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The characters of an ml5 {@code vocab.json} (char -> id), in reverse id order. */
    private Path reversedVocabulary(Path ml5) throws IOException {
        var ids = JSON.readTree(ml5.resolve("vocab.json").toFile());
        String[] byId = new String[ids.size()];
        ids.fields().forEachRemaining(e -> byId[e.getValue().asInt()] = e.getKey());
        List<String> symbols = new ArrayList<>(List.of(byId));
        Collections.reverse(symbols);
        Path reversed = dir.resolve("reversed-vocab.json");
        JSON.writeValue(reversed.toFile(), symbols);
        return reversed;
    }

    @Test
    void twoModelsExportedIntoOneDirectoryEachEvaluateAsTheirSource() throws IOException {
        // one trained model twice, the second with its characters in reverse order: the same weights
        // and vocabulary size, so a model that took the other's vocabulary would not fail, it would
        // silently score the text far worse
        Path darwin = Fixtures.get("ml5-charrnn/darwin");
        Path text = darwin.resolve("text.txt");
        Path reversed = reversedVocabulary(darwin);
        double original = evaluate(darwin, text);
        double permuted = evaluate(darwin, text, "--vocab", reversed.toString());
        assertTrue(permuted > original + 1, original + " vs " + permuted);

        Path out = dir.resolve("exports");
        CliRun first = export(darwin, "tf", out.resolve("first.ckpt"));
        assertEquals(0, first.exitCode(), first.err());
        CliRun second = export(darwin, "tf", out.resolve("second.ckpt"), "--vocab", reversed.toString());
        assertEquals(0, second.exitCode(), second.err());

        assertEquals(original, evaluate(out.resolve("first.ckpt"), text), 1e-5);
        assertEquals(permuted, evaluate(out.resolve("second.ckpt"), text), 1e-5);
    }

    @Test
    void aVocabularyPerPrefixWinsOverTheDirectorysVocabJsonWhichIsStillRead() throws IOException {
        Path probe = probeText();
        double expected = evaluate(fixture.resolve("model.ckpt"), probe); // the fixture's vocab.json beside it
        assertEquals(JSON.readTree(fixture.resolve("probe.json").toFile()).get("mean_nll").asDouble(), expected, 1e-4);
        Path out = dir.resolve("both");
        assertEquals(0, export("tf", out.resolve("model.ckpt")).exitCode());
        // a directory-wide vocab.json of the right size but the wrong order must not be taken
        List<String> symbols = new ArrayList<>();
        JSON.readTree(fixture.resolve("vocab.json").toFile()).forEach(c -> symbols.add(c.asText()));
        Collections.reverse(symbols);
        JSON.writeValue(out.resolve("vocab.json").toFile(), symbols);

        assertEquals(expected, evaluate(out.resolve("model.ckpt"), probe), 1e-6);
    }

    @Test
    void exportsAndImportsLeaveNoChecksumSideFiles() throws IOException {
        Path tf = dir.resolve("tf");
        assertEquals(0, export("tf", tf.resolve("model.ckpt")).exitCode());
        assertEquals(0, export("ml5", dir.resolve("ml5")).exitCode());
        CliRun imported = CliRun.of("import", "--in", tf.resolve("model.ckpt").toString(), "--out",
                dir.resolve("imported").toString());
        assertEquals(0, imported.exitCode(), imported.err());

        try (Stream<Path> all = Files.walk(dir)) {
            List<String> crc = all.map(Path::toString).filter(p -> p.endsWith(".crc")).toList();
            assertEquals(List.of(), crc);
        }
        try (Stream<Path> files = Files.list(tf)) {
            assertEquals(List.of("model.ckpt.data-00000-of-00001", "model.ckpt.index", "model.ckpt.vocab.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void ml5ExportIntoAnExistingDirectoryIsOneLineExit2() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(existing.resolve("keep.txt"), "mine");

        CliRun run = export("ml5", existing);

        assertEquals(2, run.exitCode(), run.err());
        assertOneLine(run, "--out " + existing + " already exists");
        try (Stream<Path> files = Files.list(existing)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void tensorFlowExportOntoADirectoryOrAnExportedPrefixIsRefusedNamingIt() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("out"));
        CliRun onDirectory = export("tf", existing);
        assertEquals(2, onDirectory.exitCode(), onDirectory.err());
        assertOneLine(onDirectory, "is a directory");
        assertTrue(onDirectory.err().contains(existing.resolve("model.ckpt").toString()), onDirectory.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("out"), files.map(p -> p.getFileName().toString()).toList());
        }

        Path prefix = existing.resolve("model.ckpt");
        assertEquals(0, export("tf", prefix).exitCode());
        CliRun again = export("tf", prefix);
        assertEquals(2, again.exitCode(), again.err());
        assertOneLine(again, prefix + ".index already exists");

        // a vocabulary left without its checkpoint still belongs to someone
        Files.delete(existing.resolve("model.ckpt.index"));
        CliRun vocabLeft = export("tf", prefix);
        assertEquals(2, vocabLeft.exitCode(), vocabLeft.err());
        assertOneLine(vocabLeft, prefix + ".vocab.json already exists");
    }

    @Test
    void exportUnderAFileIsRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "not a directory");
        CliRun run = export("tf", file.resolve("model.ckpt"));
        assertEquals(2, run.exitCode(), run.err());
        assertOneLine(run, file + " is a file, not a directory");
    }

    private static void assertOneLine(CliRun run, String fragment) {
        assertTrue(run.err().contains(fragment), "expected '" + fragment + "' in " + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
