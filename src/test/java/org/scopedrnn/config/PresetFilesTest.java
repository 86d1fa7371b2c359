package org.scopedrnn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bundled presets repeat the table's defaults for people reading them: they must list every
 * key of their kind with the table's value and nothing else, so they cannot drift from it.
 */
class PresetFilesTest {

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void thePresetListsEveryKeyWithTheTablesDefault(ModelKind kind) {
        Config preset = ConfigFactory.parseResources(kind.preset());
        Config table = ConfigLoader.table(kind);
        var wrong = new ArrayList<String>();
        for (Setting<?> s : Settings.of(kind)) {
            if (!preset.hasPathOrNull(s.name())) {
                wrong.add(s + " is missing");
            } else if (!preset.getValue(s.name()).equals(table.getValue(s.name()))) {
                wrong.add(s + " = " + preset.getValue(s.name()).unwrapped() + ", the table says "
                        + table.getValue(s.name()).unwrapped());
            }
        }
        for (String key : ConfigLoader.flatten(preset.root().unwrapped()).keySet()) {
            if (!key.startsWith("tasks.") && !key.startsWith(Settings.SPARK_CONF + ".")
                    && Settings.named(key).filter(s -> s.appliesTo(kind)).isEmpty()) {
                wrong.add(key + " is not a " + kind.typeName() + " setting of the table");
            }
        }
        assertEquals(List.of(), wrong, kind.preset());
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void taskPresetsSetOnlyKeysOfTheirKindForTasksThatExist(ModelKind kind) {
        Config preset = ConfigFactory.parseResources(kind.preset());
        if (!preset.hasPath("tasks")) {
            return;
        }
        for (Map.Entry<String, Object> e : preset.getConfig("tasks").root().unwrapped().entrySet()) {
            assertTrue(Settings.TASK.choices().contains(e.getKey()), "no data.task " + e.getKey());
            for (String key : ConfigLoader.flatten((Map<String, ?>) e.getValue()).keySet()) {
                assertTrue(Settings.named(key).filter(s -> s.appliesTo(kind)).isPresent(), key);
            }
        }
        assertTrue(kind == ModelKind.SEQ2SEQ, "only seq2seq has task presets");
    }
}
