package org.scopedrnn.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SpareBufferTest {

    @Test
    void aBufferGivenBackIsLentAgainToTheNextFileOnTheThread() {
        SpareBuffer first = new SpareBuffer();
        ByteBuffer a = first.take(64);
        a.put(0, (byte) 42);
        first.giveBack();
        ByteBuffer b = new SpareBuffer().take(32);
        assertEquals(42, b.get(0), "same memory, not a fresh buffer");
        assertEquals(32, b.capacity());
        assertEquals(0, b.position());
        assertEquals(ByteOrder.LITTLE_ENDIAN, b.order());
        assertTrue(b.isDirect());
    }

    @Test
    void twoFilesOpenAtOnceNeverShareMemory() {
        SpareBuffer warm = new SpareBuffer();
        warm.take(64);
        warm.giveBack();
        SpareBuffer one = new SpareBuffer();
        SpareBuffer two = new SpareBuffer();
        ByteBuffer a = one.take(64);
        ByteBuffer b = two.take(64);
        ByteBuffer c = one.take(64); // a second buffer of an open file is its own too
        a.put(0, (byte) 1);
        b.put(0, (byte) 2);
        c.put(0, (byte) 3);
        assertEquals(1, a.get(0));
        assertEquals(2, b.get(0));
        one.giveBack();
        two.giveBack();
    }

    @Test
    void aSpareTooSmallIsNotLentAndTheLargerOneIsKept() {
        SpareBuffer small = new SpareBuffer();
        small.take(16);
        small.giveBack();
        SpareBuffer large = new SpareBuffer();
        ByteBuffer big = large.take(128);
        assertEquals(128, big.capacity());
        big.put(100, (byte) 7);
        large.giveBack();
        assertEquals(7, new SpareBuffer().take(128).get(100));
    }
}
