package org.scopedrnn.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One reusable direct buffer per thread, lent to one open file at a time. A fresh 1 MB direct
 * buffer costs about half a millisecond (zeroed, then page-faulted again on first use; measured
 * here), as much as the rest of reading a small checkpoint from the page cache. A file takes the
 * thread's spare when it asks for a buffer and gives it back when it closes, so two files open at
 * once on one thread never share memory.
 */
final class SpareBuffer {

    /** The largest buffer kept per thread: a checkpoint chunk; larger ones go to the garbage collector. */
    private static final int MAX_KEPT = 1 << 20;
    private static final ThreadLocal<ByteBuffer> SPARE = new ThreadLocal<>();

    private ByteBuffer taken;

    /** A direct little-endian buffer of exactly {@code capacity} bytes, position 0. */
    ByteBuffer take(int capacity) {
        if (taken != null) { // already holding the spare: this one is not reused
            return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer spare = SPARE.get();
        if (spare != null && spare.capacity() >= capacity) {
            SPARE.remove();
            taken = spare;
        } else {
            taken = ByteBuffer.allocateDirect(capacity);
        }
        return taken.clear().limit(capacity).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Makes what {@link #take} lent the thread's spare again, keeping the larger of two. */
    void giveBack() {
        if (taken == null) {
            return;
        }
        ByteBuffer spare = SPARE.get();
        if (taken.capacity() <= MAX_KEPT && (spare == null || spare.capacity() < taken.capacity())) {
            SPARE.set(taken);
        }
        taken = null;
    }
}
