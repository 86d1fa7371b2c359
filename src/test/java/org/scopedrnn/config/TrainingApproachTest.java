package org.scopedrnn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingApproachTest {

    @Test
    void autoExportsOnLocalMasters() {
        assertEquals(TrainingApproach.EXPORT, TrainingApproach.AUTO.resolve("local[2]", "file:///"));
        assertEquals(TrainingApproach.EXPORT, TrainingApproach.AUTO.resolve("local", "file:///"));
    }

    @Test
    void autoGoesDirectOnClusterMasterWithLocalDefaultFs() {
        assertEquals(TrainingApproach.DIRECT, TrainingApproach.AUTO.resolve("spark://127.0.0.1:7077", "file:///"));
    }

    @Test
    void autoExportsOnClusterMasterWithSharedDefaultFs() {
        assertEquals(TrainingApproach.EXPORT, TrainingApproach.AUTO.resolve("yarn", "hdfs://nn:8020"));
    }

    @Test
    void explicitExportWhereItCannotRunIsRefusedWithTheFix() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TrainingApproach.EXPORT.resolve("spark://127.0.0.1:7077", "file:///"));
        assertTrue(e.getMessage().contains("train.approach = direct"), e.getMessage());
    }

    @Test
    void directIsAlwaysDirect() {
        assertEquals(TrainingApproach.DIRECT, TrainingApproach.DIRECT.resolve("local[*]", "file:///"));
    }

    @Test
    void parseNamesTheValidValues() {
        assertEquals(TrainingApproach.DIRECT, TrainingApproach.parse("Direct"));
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingApproach.parse("rsync"));
        assertTrue(e.getMessage().contains("'rsync'") && e.getMessage().contains("direct"), e.getMessage());
    }
}
