package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scopedrnn.data.CorpusFixtures.options;
import static org.scopedrnn.data.CorpusFixtures.text;
import static org.scopedrnn.data.CorpusFixtures.windows;
import static org.scopedrnn.data.CorpusFixtures.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;

/** Documents of an RDD (a DataFrame's rows) read by the executors as if each were a corpus file. */
class DocumentCorpusTest extends SparkTestBase {

    @TempDir
    Path dir;

    @Test
    void documentsSplitWindowAndRoundExactlyAsTheSameTextsInFiles() throws IOException {
        String[] texts = {text(2, 400), "", null, text(3, 250), text(4, 90), text(5, 33)};
        var docs = new ArrayList<String>();
        int n = 0;
        for (String t : texts) {
            docs.add(t);
            if (t != null && !t.isEmpty()) {
                write(dir.resolve("books/" + (char) ('a' + n++) + ".txt"), t);
            }
        }
        CorpusOptions files = options(dir.resolve("books").toString(), 0.1, 5, 100);
        CorpusOptions rows = options("DataFrame column text", 0.1, 5, 100);
        CorpusScan fromFiles = CorpusScan.run(sc(), files);
        CorpusScan fromRows = CorpusScan.documents(sc().parallelize(docs, 3), rows);
        assertEquals(fromFiles.vocabulary(), fromRows.vocabulary());
        assertEquals(fromFiles.trainWindows(), fromRows.trainWindows());
        assertEquals(fromFiles.validationChars(), fromRows.validationChars());
        assertTrue(fromRows.describe().startsWith("4 document(s) of DataFrame column text in 3 partition(s)"),
                fromRows.describe());
        try (ExecutorCorpus a = ExecutorCorpus.load(sc(), fromFiles, fromFiles.vocabulary());
                ExecutorCorpus b = ExecutorCorpus.load(sc(), fromRows, fromFiles.vocabulary())) {
            int[][] expected = a.collectSplit();
            int[][] got = b.collectSplit();
            assertArrayEquals(expected[0], got[0]);
            assertArrayEquals(expected[1], got[1]);
            EpochPlan plan = a.plan(4);
            assertEquals(plan.batchesPerEpoch(), b.plan(4).batchesPerEpoch());
            assertEquals(windows(a.round(plan, 7, 1, 2, 3, 2, false)), windows(b.round(b.plan(4), 7, 1, 2, 3, 2, false)));
        }
    }

    @Test
    void rowsThatAreAllNullOrEmptyAreRefusedNamingTheColumn() {
        var docs = Arrays.asList(null, "", null);
        var e = assertThrows(CorpusException.class,
                () -> CorpusScan.documents(sc().parallelize(docs, 2), options("DataFrame column body", 0.1, 5, 100)));
        assertTrue(e.getMessage().contains("DataFrame column body has no document"), e.getMessage());
    }

    @Test
    void documentsTooShortForOneWindowAreAnErrorSayingWhatToChange() {
        List<String> docs = List.of("abc", "defg");
        var e = assertThrows(CorpusException.class,
                () -> CorpusScan.documents(sc().parallelize(docs, 2), options("DataFrame column text", 0, 5, 100)));
        assertTrue(e.getMessage().contains("2 document(s)") && e.getMessage().contains("shorter sequence length"),
                e.getMessage());
    }
}
