package org.scopedrnn.model;

import java.util.Locale;

/**
 * Which code computes a char model's LSTM layers. Both compute the same function on the same
 * parameters (same names, shapes, layout), so checkpoints do not record it and either can load
 * what the other trained.
 */
public enum LstmImpl {
    /** {@link FusedLstm}: whole-sequence GEMMs, one recurrent GEMM and one Java pass per step. */
    FUSED,
    /** DL4J 1.0.0-M2's own {@code LSTM} layer (per-step Java loop), kept for comparison. */
    DL4J;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From a config value; names the value and the valid ones when it is neither. */
    public static LstmImpl parse(String value) {
        for (LstmImpl i : values()) {
            if (i.key().equals(value)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown LSTM implementation \"" + value + "\": expected fused or dl4j");
    }
}
