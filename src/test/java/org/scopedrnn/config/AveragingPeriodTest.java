package org.scopedrnn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** train.averaging-frequency: a positive integer or auto, read from HOCON as either. */
class AveragingPeriodTest {

    @Test
    void readsANumberOrAutoInAnyCase() {
        assertEquals(AveragingPeriod.fixed(5), Settings.AVERAGING_FREQUENCY.read(
                ConfigFactory.parseString("train.averaging-frequency = 5")));
        assertEquals(AveragingPeriod.fixed(20), Settings.AVERAGING_FREQUENCY.read(
                ConfigFactory.parseString("train.averaging-frequency = \"20\"")));
        assertEquals(AveragingPeriod.AUTO, Settings.AVERAGING_FREQUENCY.read(
                ConfigFactory.parseString("train.averaging-frequency = Auto")));
        assertEquals("auto", AveragingPeriod.AUTO.toString());
        assertEquals(AveragingPeriod.AUTO_LONGEST, AveragingPeriod.AUTO.longest());
        assertEquals(5, AveragingPeriod.fixed(5).longest());
    }

    @Test
    void anythingElseIsRefusedNamingTheKeyAndTheValue() {
        for (String bad : new String[] {"0", "-3", "often", "2.5"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Settings.AVERAGING_FREQUENCY.read(
                    ConfigFactory.parseString("train.averaging-frequency = \"" + bad + "\"")));
            assertTrue(e.getMessage().contains("train.averaging-frequency must be a positive integer or auto, got"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
