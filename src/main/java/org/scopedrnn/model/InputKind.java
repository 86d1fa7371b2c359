package org.scopedrnn.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How characters enter the first LSTM: as one-hot vectors (anna_writer.py) or a learned embedding (ml5.js). */
public enum InputKind {
    ONE_HOT("one-hot"),
    EMBEDDING("embedding");

    private final String key;

    InputKind(String key) {
        this.key = key;
    }

    /** The spelling used in configs and checkpoint metadata. */
    public String key() {
        return key;
    }

    public static InputKind parse(String value) {
        for (InputKind k : values()) {
            if (k.key.equalsIgnoreCase(value) || k.name().equalsIgnoreCase(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown input kind '" + value + "': expected one of "
                + Arrays.stream(values()).map(InputKind::key).collect(Collectors.joining(", ")));
    }
}
