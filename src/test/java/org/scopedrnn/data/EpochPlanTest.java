package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpochPlanTest {

    @Test
    void theCursorOfAStepIsItsEpochAndMinibatchLeavingTheRemainderWindowsOut() {
        var plan = new EpochPlan(1763, 100);
        assertEquals(17, plan.batchesPerEpoch());
        assertEquals(new EpochPlan.EpochCursor(0, 0), plan.cursor(0));
        assertEquals(new EpochPlan.EpochCursor(0, 16), plan.cursor(16));
        assertEquals(new EpochPlan.EpochCursor(1, 0), plan.cursor(17));
        assertEquals(new EpochPlan.EpochCursor(2, 5), plan.cursor(39));
    }

    @Test
    void fewerWindowsThanOneBatchIsAnErrorNamingTheSetting() {
        var e = assertThrows(IllegalArgumentException.class, () -> new EpochPlan(99, 100));
        assertTrue(e.getMessage().contains("99 sequences") && e.getMessage().contains("batch size = 100"),
                e.getMessage());
    }

    @Test
    void theCheckpointRecordSaysWhatDecidesTheMinibatches() {
        var m = new EpochPlan(1763, 100).toMap();
        assertEquals(1763L, m.get("trainWindows"));
        assertEquals(17L, m.get("batchesPerEpoch"));
        assertEquals(EpochPlan.ORDER, m.get("windowOrder"));
    }
}
