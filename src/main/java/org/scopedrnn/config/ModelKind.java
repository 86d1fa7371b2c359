package org.scopedrnn.config;

/**
 * The two model types a config trains ({@code model.type}); each has its own set of keys and
 * defaults in {@link Settings}, and a bundled preset file that names it.
 */
public enum ModelKind {
    CHAR_LSTM("char-lstm", "conf/char-lstm.conf"),
    SEQ2SEQ("seq2seq", "conf/seq2seq.conf");

    private final String typeName;
    private final String preset;

    ModelKind(String typeName, String preset) {
        this.typeName = typeName;
        this.preset = preset;
    }

    /** The value of {@code model.type}, also the name checkpoints record. */
    public String typeName() {
        return typeName;
    }

    /** The class-path resource of this kind's bundled preset (model.type and per-task presets only). */
    public String preset() {
        return preset;
    }

    public static ModelKind parse(String typeName) {
        for (ModelKind k : values()) {
            if (k.typeName.equals(typeName)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model type '" + typeName + "': expected char-lstm or seq2seq");
    }
}
