package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static Config seq2seq(File file, String... sets) {
        return ConfigLoader.load(Seq2SeqConfig.DEFAULTS, file, List.of(sets));
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

    @Test
    void unknownKeyIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> seq2seq(null, "model.hiden=3"));
        assertTrue(e.getMessage().contains("model.hiden"), e.getMessage());
    }
}
