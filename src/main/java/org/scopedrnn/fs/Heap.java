package org.scopedrnn.fs;

import java.util.Locale;

/**
 * Whether an allocation fits the heap that is left. A reader checks every length against the real
 * file before allocating, but a sparse file is as long as it claims while taking no disk space:
 * a tensor declared {@code [2000000000]} passes that check and would end in an OutOfMemoryError.
 */
public final class Heap {

    private static final long GIB = 1L << 30;

    private Heap() {}

    /**
     * Null if {@code bytes} fit in the heap that is left, else why not and the fix, e.g. "needs
     * 8000000000 bytes (7.5 GiB) but only 52.1 MiB of the 64.0 MiB heap are free: raise the heap
     * (SCOPED_RNN_HEAP=10g ...)". Garbage is collected once before an allocation is refused, so a
     * heap full of dead objects does not refuse what would fit.
     */
    public static String shortfall(long bytes) {
        if (bytes <= free()) {
            return null;
        }
        System.gc();
        long free = free();
        if (bytes <= free) {
            return null;
        }
        long max = Runtime.getRuntime().maxMemory();
        // what is in use now plus this allocation, with room to work, in whole GiB
        long suggested = (long) Math.ceil((max - free + bytes) * 1.25 / GIB);
        return "needs " + bytes + " bytes (" + size(bytes) + ") but only " + size(free) + " of the " + size(max)
                + " heap are free:"
                + " raise the heap (SCOPED_RNN_HEAP=" + suggested + "g for scripts/scoped-rnn, -Xmx" + suggested
                + "g for a plain java command, spark.driver.memory under spark-submit)";
    }

    private static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** {@code 7.5 GiB}: a size to take in at a glance. */
    static String size(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u < 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
