package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairCorpusTest {

    /** The bundled corpus, tracked in the repository: every clone has it, so nothing here is skipped. */
    static final Path FRA_ENG = Path.of("data", "fra-eng.txt");

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p.toString();
    }

    private static PairCorpus parse(String text) {
        return PairCorpus.parse("pairs.txt", text, PairOptions.ALL);
    }

    @Test
    void readsTabSeparatedPairsFromAPath() throws IOException {
        String p = write("fra-eng.txt", "Go.\tVa !\nRun!\tCours\u202f!\nWow!\tÇa alors\u202f!\n");

        PairCorpus c = PairCorpus.read(p, PairOptions.ALL, conf);

        assertEquals(List.of(new Pair("Go.", "Va !"), new Pair("Run!", "Cours\u202f!"),
                new Pair("Wow!", "Ça alors\u202f!")), c.pairs());
        assertEquals(new PairCorpus.Stats(3, 3, 0, 0), c.stats());
        assertEquals(p, c.location());
    }

    @Test
    void readsAFileUriWithWindowsAndOldMacLineEnds() throws IOException {
        String p = write("crlf.txt", "a\tb\r\nc\td\re\tf");

        PairCorpus c = PairCorpus.read(dir.resolve("crlf.txt").toUri().toString(), PairOptions.ALL, conf);

        assertEquals(List.of(new Pair("a", "b"), new Pair("c", "d"), new Pair("e", "f")), c.pairs());
        assertTrue(p.endsWith("crlf.txt"));
    }

    @Test
    void extraColumnsLikeTatoebaAttributionAreIgnored() {
        PairCorpus c = parse("Go.\tVa !\tCC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM) & #1158250 (Wittydev)\n");

        assertEquals(List.of(new Pair("Go.", "Va !")), c.pairs());
    }

    @Test
    void reverseSwapsTheColumns() {
        PairCorpus c = PairCorpus.parse("x", "Go.\tVa !\tattribution\n", new PairOptions(0, 0, 0, true));

        assertEquals(List.of(new Pair("Va !", "Go.")), c.pairs());
    }

    @Test
    void lineWithoutATabIsAnErrorNamingTheLineNumberAndShowingIt() {
        var e = assertThrows(CorpusException.class, () -> parse("a\tb\n\nno tab here\nc\td\n"));

        assertTrue(e.getMessage().contains("pairs.txt line 3 has no tab"), e.getMessage());
        assertTrue(e.getMessage().contains("'no tab here'"), e.getMessage());
        assertTrue(e.getMessage().contains("SOURCE<TAB>TARGET"), e.getMessage());
    }

    @Test
    void aLongBadLineIsShownCut() {
        String line = "x".repeat(500);

        var e = assertThrows(CorpusException.class, () -> parse(line));

        assertTrue(e.getMessage().contains("'" + "x".repeat(PairCorpus.SHOWN_LINE_CHARS) + "'... (500 chars)"),
                e.getMessage());
    }

    @Test
    void emptySourceOrTargetIsAnErrorNamingTheLine() {
        var source = assertThrows(CorpusException.class, () -> parse("a\tb\n\tVa !\n"));
        var target = assertThrows(CorpusException.class, () -> parse("a\tb\nc\td\nGo.\t\tattribution\n"));

        assertTrue(source.getMessage().contains("line 2 has an empty source (first column): '\\tVa !'"),
                source.getMessage());
        assertTrue(target.getMessage().contains("line 3 has an empty target (second column)"), target.getMessage());
    }

    @Test
    void emptyLinesAreSkippedAndCountedAndAFinalLineEndStartsNoLine() {
        PairCorpus c = parse("\na\tb\n\n\nc\td\n");

        assertEquals(2, c.size());
        assertEquals(new PairCorpus.Stats(2, 2, 0, 3), c.stats());
    }

    @Test
    void whitespaceIsKeptAsIs() {
        assertEquals(new Pair(" a ", "b  "), parse(" a \tb  \n").pairs().get(0));
    }

    @Test
    void pairsOverTheLengthLimitsAreSkippedAndCounted() {
        // lengths in code points: "😀😀" is 2 characters (4 UTF-16 units)
        String text = "ab\txyz\nabcd\txy\n😀😀\tabc\nabc\tabcd\n";

        PairCorpus c = PairCorpus.parse("x", text, new PairOptions(0, 3, 3, false));

        assertEquals(List.of(new Pair("ab", "xyz"), new Pair("😀😀", "abc")), c.pairs());
        assertEquals(new PairCorpus.Stats(4, 2, 2, 0), c.stats());
    }

    @Test
    void lengthLimitsApplyAfterReversing() {
        PairCorpus c = PairCorpus.parse("x", "a\tlonger\nb\tc\n", new PairOptions(0, 3, 0, true));

        assertEquals(List.of(new Pair("c", "b")), c.pairs());
        assertEquals(1, c.stats().skippedTooLong());
    }

    @Test
    void maxPairsCountsKeptPairsAndStopsReadingThere() {
        String text = "toolong\tx\na\tb\nc\td\nbroken line without tab\n";

        PairCorpus c = PairCorpus.parse("x", text, new PairOptions(2, 3, 0, false));

        assertEquals(List.of(new Pair("a", "b"), new Pair("c", "d")), c.pairs());
        assertEquals(new PairCorpus.Stats(3, 2, 1, 0), c.stats());
    }

    @Test
    void emptyFileIsACorpusException() throws IOException {
        String p = write("empty.txt", "");

        var e = assertThrows(CorpusException.class, () -> PairCorpus.read(p, PairOptions.ALL, conf));

        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void onlyBlankLinesOrOnlyTooLongPairsIsACorpusException() {
        var blank = assertThrows(CorpusException.class, () -> parse("\n\n\n"));
        var tooLong = assertThrows(CorpusException.class,
                () -> PairCorpus.parse("x", "abcd\tb\n", new PairOptions(0, 2, 0, false)));

        assertTrue(blank.getMessage().contains("has no usable pairs"), blank.getMessage());
        assertTrue(blank.getMessage().contains("blank lines 3"), blank.getMessage());
        assertTrue(tooLong.getMessage().contains("skipped too long 1"), tooLong.getMessage());
        assertTrue(tooLong.getMessage().contains("max-source-length"), tooLong.getMessage());
    }

    @Test
    void missingFileAndInvalidUtf8AreCorpusExceptionsFromTextCorpus() throws IOException {
        Path latin = dir.resolve("latin.txt");
        Files.write(latin, new byte[] {'a', '\t', (byte) 0xe9, '\n'});

        assertThrows(CorpusException.class,
                () -> PairCorpus.read(dir.resolve("nope.txt").toString(), PairOptions.ALL, conf));
        var e = assertThrows(CorpusException.class, () -> PairCorpus.read(latin.toString(), PairOptions.ALL, conf));
        assertTrue(e.getMessage().contains("byte 0xe9 at offset 2"), e.getMessage());
    }

    @Test
    void optionsRejectNegativeLimits() {
        assertThrows(IllegalArgumentException.class, () -> new PairOptions(-1, 0, 0, false));
        var e = assertThrows(IllegalArgumentException.class, () -> new PairOptions(0, -5, 0, false));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PairOptions(0, 0, -1, false));
    }

    @Test
    void theBundledFraEngFileReadsWhole() {
        assertTrue(Files.isRegularFile(FRA_ENG), FRA_ENG.toAbsolutePath() + " is part of the repository");

        PairCorpus all = PairCorpus.read(FRA_ENG.toString(), PairOptions.ALL, conf);
        PairCorpus first = PairCorpus.read(FRA_ENG.toString(), PairOptions.ALL.withMaxPairs(10_000), conf);

        assertEquals(new PairCorpus.Stats(76_036, 76_036, 0, 0), all.stats());
        assertEquals(new Pair("Go.", "Va !"), all.pairs().get(0));
        assertEquals(10_000, first.size());
        assertEquals(all.pairs().subList(0, 10_000), first.pairs());
    }
}
