package org.scopedrnn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.train.ResumeCheck;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static Config seq2seq(File file, String... sets) {
        return ConfigLoader.load(ModelKind.SEQ2SEQ.preset(), file, List.of(sets));
    }

    @Test
    void translationKeepsThePlainDefaults() {
        Config c = seq2seq(null);
        assertEquals(256, c.getInt("model.hidden"));
        assertEquals(0.002, c.getDouble("train.learning-rate"), 1e-12);
    }

    @Test
    void copyTaskTakesItsOwnDefaults() {
        Config c = seq2seq(null, "data.task=copy");
        assertEquals(128, c.getInt("model.hidden"));
        assertEquals(32, c.getInt("model.embedding-size"));
        assertEquals(0.01, c.getDouble("train.learning-rate"), 1e-12);
        assertEquals(32, c.getInt("train.batch-size"), "keys the task does not name keep the plain defaults");
    }

    @Test
    void userSettingsWinOverTaskDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("my.conf"), "model.hidden = 96\ndata.task = copy\n");
        Config c = seq2seq(file.toFile(), "train.learning-rate=0.005");
        assertEquals(96, c.getInt("model.hidden"), "--config beats the task defaults");
        assertEquals(0.005, c.getDouble("train.learning-rate"), 1e-12, "--set beats the task defaults");
        assertEquals(32, c.getInt("model.embedding-size"), "keys the user does not set keep the task defaults");
    }

    /** What a char-lstm checkpoint stores: a run trained with model.hidden=32 when defaults differed. */
    private static Map<String, Object> checkpointConfig() {
        return Map.of("model", Map.of("type", "char-lstm", "hidden", 32, "layers", 3),
                "data", Map.of("input", "corpus.txt", "seq-length", 20),
                "spark", Map.of("master", "spark://old-cluster:7077", "conf", Map.of("spark.authenticate.secret",
                        "*********(redacted)")),
                "run", Map.of("batchesPerEpoch", 22), "removed-section", Map.of("key", 1));
    }

    @Test
    void aResumedRunTakesWhatItDoesNotSetFromTheCheckpoint() {
        Config c = ConfigLoader.load(ModelKind.CHAR_LSTM.preset(), null, List.of("model.layers=2"), checkpointConfig());
        assertEquals(32, c.getInt("model.hidden"), "unset: the checkpoint's, not the default 128");
        assertEquals(20, c.getInt("data.seq-length"));
        assertEquals("corpus.txt", c.getString("data.input"));
        assertEquals(2, c.getInt("model.layers"), "set: this command's");
        assertEquals("local[*]", c.getString("spark.master"), "where a run runs is not inherited");
        assertTrue(c.getConfig("spark.conf").isEmpty(), "nor are (redacted) Spark properties");
        assertFalse(c.hasPath("run") || c.hasPath("removed-section"), "nor keys the defaults do not know");
    }

    @Test
    void onlyExplicitSettingsCanDifferFromTheCheckpoint() {
        Map<String, Object> saved = checkpointConfig();
        Config unchanged = ConfigLoader.load(ModelKind.CHAR_LSTM.preset(), null, List.of("train.epochs=5"), saved);
        assertEquals(List.of(), ResumeCheck.CHAR_LSTM.differences(saved, ConfigLoader.provenance(unchanged)));
        Config changed = ConfigLoader.load(ModelKind.CHAR_LSTM.preset(), null, List.of("model.hidden=64",
                "data.input=\"other.txt\""), saved);
        assertEquals(List.of("model.hidden 32 -> 64", "data.input \"corpus.txt\" -> \"other.txt\""),
                ResumeCheck.CHAR_LSTM.differences(saved, ConfigLoader.provenance(changed)));
    }

    @Test
    void aResumedCopyTaskKeepsItsTaskAndItsModel() {
        Map<String, Object> saved = Map.of("data", Map.of("task", "copy"), "model", Map.of("hidden", 100));
        Config c = ConfigLoader.load(ModelKind.SEQ2SEQ.preset(), null, List.of(), saved);
        assertEquals("copy", c.getString("data.task"));
        assertEquals(100, c.getInt("model.hidden"));
        assertEquals(32, c.getInt("model.embedding-size"), "the copy task's defaults where the checkpoint is silent");
    }

    @Test
    void unknownKeyIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> seq2seq(null, "model.hiden=3"));
        assertTrue(e.getMessage().contains("model.hiden"), e.getMessage());
    }

    @Test
    void unknownKeyNamesTheCloseKeys() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(ModelKind.CHAR_LSTM.preset(),
                null, List.of("train.batchsize=3")));
        assertTrue(e.getMessage().startsWith("unknown config key train.batchsize (did you mean train.batch-size?) in "
                + "--set train.batchsize=3: valid keys are "), e.getMessage());
    }

    @Test
    void aKeyOfTheOtherModelKindIsNamedAsSuch() {
        var e = assertThrows(IllegalArgumentException.class, () -> seq2seq(null, "data.seq-length=20"));
        assertTrue(e.getMessage().startsWith("unknown config key data.seq-length (a char-lstm setting; this config's "
                + "model.type is seq2seq) in --set data.seq-length=20"), e.getMessage());
    }

    @Test
    void theTablesDefaultsAreTheResolvedDefaults() {
        for (ModelKind kind : ModelKind.values()) {
            Config c = ConfigLoader.load(kind.preset(), null, List.of());
            for (Setting<?> s : Settings.of(kind)) {
                assertEquals(ConfigLoader.table(kind).getValue(s.name()), c.getValue(s.name()), s.name());
            }
        }
    }

    @Test
    void aBadValueIsNamedByItsKey() {
        Config c = ConfigLoader.load(ModelKind.CHAR_LSTM.preset(), null, List.of("train.keep-last=0",
                "model.lstm-impl=cudnn", "train.approach=rsync", "model.hidden=many"));
        assertEquals("train.keep-last must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Settings.KEEP_LAST.read(c)).getMessage());
        assertEquals("model.lstm-impl must be fused or dl4j, got \"cudnn\"",
                assertThrows(IllegalArgumentException.class, () -> Settings.LSTM_IMPL.read(c)).getMessage());
        assertEquals("unknown train.approach 'rsync': expected auto, export or direct",
                assertThrows(IllegalArgumentException.class, () -> Settings.APPROACH.read(c)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Settings.HIDDEN.read(c)).getMessage()
                .startsWith("config key model.hidden has the wrong type"));
    }
}
