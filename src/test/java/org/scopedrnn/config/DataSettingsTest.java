package org.scopedrnn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scopedrnn.data.CorpusException;
import org.scopedrnn.data.CorpusOptions;
import org.scopedrnn.data.EpochPlan;
import org.scopedrnn.data.Newlines;

/** The data package words its errors without keys; these settings add the keys to change. */
class DataSettingsTest {

    private static final DataSettings DATA = new DataSettings("corpus.txt", 10, 0.1, 0, Newlines.UNIVERSAL);

    @Test
    void aTooShortCorpusNamesTheValidationFractionAndSequenceLength() {
        var e = assertThrows(CorpusException.class, () -> DATA.split(new int[100]));

        assertTrue(e.getMessage().contains("one sequence of 11 characters"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(data.validation-fraction = 0.1, data.seq-length = 10)"), e.getMessage());
    }

    @Test
    void fewerSequencesThanOneBatchNamesTheBatchSizeKey() {
        var e = assertThrows(CorpusException.class, () -> DATA.naming(100, () -> new EpochPlan(99, 100)));
        var old = assertThrows(CorpusException.class, () -> DATA.plan(10, 1));

        assertTrue(e.getMessage().contains("99 sequences") && e.getMessage().contains("train.batch-size = 100"),
                e.getMessage());
        assertTrue(old.getMessage().contains("data.seq-length = 10"), old.getMessage());
    }

    @Test
    void corpusOptionsCarryTheseSettings() {
        CorpusOptions o = DATA.corpusOptions(500);

        assertEquals(new CorpusOptions("corpus.txt", Newlines.UNIVERSAL, 0, 0.1, 10, 500,
                CorpusOptions.DEFAULT_SPLIT_BYTES), o);
    }
}
