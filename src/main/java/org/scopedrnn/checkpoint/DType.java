package org.scopedrnn.checkpoint;


/** Element type of a {@link Tensor}; names follow TensorFlow's so files and tools agree. */
public enum DType {
    FLOAT32("float32", Float.BYTES),
    INT64("int64", Long.BYTES);

    private final String tfName;
    private final int byteSize;

    DType(String tfName, int byteSize) {
        this.tfName = tfName;
        this.byteSize = byteSize;
    }

    /** TensorFlow's name for this type, as written in checkpoint.json ("float32", "int64"). */
    public String tfName() {
        return tfName;
    }

    /** Bytes per element on disk. */
    public int byteSize() {
        return byteSize;
    }

    /**
     * The type whose {@link #tfName()} is {@code name}.
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static DType fromTfName(String name) {
        for (DType t : values()) {
            if (t.tfName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "unknown dtype \"" + Bounded.text(name) + "\"; expected one of float32, int64");
    }
}
