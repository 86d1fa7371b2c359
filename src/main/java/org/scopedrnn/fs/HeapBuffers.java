package org.scopedrnn.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The heap buffers that {@link NewFile} and {@link FileInput} hand out where they go through a
 * Hadoop stream: streams take arrays, so a buffer without one would need a copy.
 */
final class HeapBuffers {

    private HeapBuffers() {
    }

    static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code b}'s backing array, refusing a buffer that did not come from {@link #allocate}. */
    static byte[] arrayOf(ByteBuffer b) {
        if (!b.hasArray()) {
            throw new IllegalArgumentException("pass a buffer from buffer(int)");
        }
        return b.array();
    }
}
