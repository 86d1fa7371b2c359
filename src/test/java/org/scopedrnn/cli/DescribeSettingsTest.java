package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scopedrnn.config.ConfigLoader;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Setting;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.SettingsDoc;

/** {@code describe --settings} prints the table of settings: every key of the kind, its value, flag and doc. */
class DescribeSettingsTest {

    @Test
    void listsEveryCharLstmKeyWithItsValueResumeFlagAndDoc() {
        CliRun run = CliRun.of("describe", "--settings", "--set", "model.hidden=64");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        List<Setting<?>> settings = Settings.of(ModelKind.CHAR_LSTM);
        assertEquals(settings.size(), lines.size(), run.out());
        var defaults = ConfigLoader.table(ModelKind.CHAR_LSTM);
        for (int i = 0; i < settings.size(); i++) {
            Setting<?> s = settings.get(i);
            String line = lines.get(i);
            String value = s == Settings.HIDDEN ? "64"
                    : defaults.getValue(s.name()).render(com.typesafe.config.ConfigRenderOptions.concise());
            assertTrue(line.matches("\\Q" + s.name() + " = " + value + "\\E\\s+# .*"), line);
            assertEquals(s == Settings.HIDDEN, line.contains("# default "), line);
            assertTrue(line.endsWith((s.mayChangeOnResume() ? "may change on resume" : "kept on resume") + "; "
                    + s.doc()), line);
        }
        assertTrue(lines.get(settings.indexOf(Settings.HIDDEN)).contains("# default 128; kept on resume"),
                run.out());
    }

    @Test
    void theListingIsAConfigThatReproducesTheSettings() {
        CliRun run = CliRun.of("describe", "--settings", "--set", "model.type=seq2seq", "--set", "data.task=copy");
        assertEquals(0, run.exitCode(), run.err());
        var printed = ConfigFactory.parseString(run.out());
        var loaded = ConfigLoader.load(ModelKind.SEQ2SEQ.preset(), null, List.of("data.task=copy"));
        for (Setting<?> s : Settings.of(ModelKind.SEQ2SEQ)) {
            assertEquals(loaded.getValue(s.name()).unwrapped(), printed.getValue(s.name()).unwrapped(), s.name());
        }
        assertEquals(128, printed.getInt("model.hidden"), "the copy task's preset");
    }

    @Test
    void markdownIsTheReadmeTable() {
        CliRun charLstm = CliRun.of("describe", "--settings=markdown");
        assertEquals(0, charLstm.exitCode(), charLstm.err());
        assertEquals(SettingsDoc.markdown(ModelKind.CHAR_LSTM), charLstm.out());
        CliRun seq2seq = CliRun.of("describe", "--config", "conf/seq2seq.conf", "--settings=markdown");
        assertEquals(SettingsDoc.markdown(ModelKind.SEQ2SEQ), seq2seq.out());
    }

    @Test
    void anUnknownFormatIsBadInput() {
        CliRun run = CliRun.of("describe", "--settings=yaml");
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("--settings takes text or markdown, got 'yaml'"), run.err());
    }
}
