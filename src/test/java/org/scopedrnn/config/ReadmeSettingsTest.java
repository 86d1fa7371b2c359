package org.scopedrnn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration tables are the table of settings, printed by
 * {@code describe --settings=markdown}: after changing a key, paste that output into the README.
 */
class ReadmeSettingsTest {

    private static String section(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README.md has no section " + heading);
        int next = readme.indexOf("\n#", start + heading.length() + 2);
        return readme.substring(start, next < 0 ? readme.length() : next);
    }

    @Test
    void configurationSectionHoldsTheCharLstmTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = section(readme, "## Configuration");
        assertTrue(section.contains("\n" + SettingsDoc.markdown(ModelKind.CHAR_LSTM)),
                "README.md, Configuration: paste `scripts/scoped-rnn describe --settings=markdown`\n"
                        + SettingsDoc.markdown(ModelKind.CHAR_LSTM));
    }

    @Test
    void seq2seqSectionHoldsTheSeq2SeqTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = section(readme, "### Seq2seq configuration (`--set model.type=seq2seq`, `train seq2seq`)");
        assertTrue(section.contains("\n" + SettingsDoc.markdown(ModelKind.SEQ2SEQ)), "README.md, Seq2seq "
                + "configuration: paste `scripts/scoped-rnn describe --set model.type=seq2seq --settings=markdown`\n"
                + SettingsDoc.markdown(ModelKind.SEQ2SEQ));
    }

    @Test
    void everyKeyHasOneRowWithItsDefaultAndDoc() {
        String table = SettingsDoc.markdown(ModelKind.CHAR_LSTM);
        for (Setting<?> s : Settings.of(ModelKind.CHAR_LSTM)) {
            assertEquals(1, table.lines().filter(l -> l.startsWith("| `" + s.name() + "` | ")).count(), s.name());
            assertTrue(table.contains("| `" + s.name() + "` | " + SettingsDoc.shown(s.defaultFor(ModelKind.CHAR_LSTM))
                    + " | " + s.doc() + " |"), s.name());
        }
        String seq2seq = SettingsDoc.markdown(ModelKind.SEQ2SEQ);
        for (Setting<?> s : Settings.of(ModelKind.SEQ2SEQ)) {
            assertTrue(seq2seq.contains("`" + s.name() + "`"), s.name() + " is in the seq2seq table or its shared line");
        }
        assertTrue(seq2seq.contains("| `model.hidden` | 256 |"), seq2seq);
    }
}
