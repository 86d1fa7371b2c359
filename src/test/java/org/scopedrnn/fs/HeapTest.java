package org.scopedrnn.fs;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapTest {

    @Test
    void whatFitsTheHeapLeftPasses() {
        assertNull(Heap.shortfall(1024));
    }

    @Test
    void moreThanTheHeapIsRefusedNamingSizesAndTheFix() {
        long max = Runtime.getRuntime().maxMemory();
        String why = Heap.shortfall(max + 1);
        assertTrue(why != null && why.startsWith("needs " + (max + 1) + " bytes ("), why);
        assertTrue(why.contains(" heap are free: raise the heap (SCOPED_RNN_HEAP="), why);
    }

    @Test
    void sizesReadAtAGlance() {
        assertTrue(Heap.size(8_000_000_000L).equals("7.5 GiB"), Heap.size(8_000_000_000L));
        assertTrue(Heap.size(512).equals("512 bytes"));
        assertTrue(Heap.size(64L << 20).equals("64.0 MiB"));
    }
}
