package org.scopedrnn.interop;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.scopedrnn.wire.ProtoWire;

/**
 * One block of a {@link LevelDbTable} under construction: prefix-compressed entries (a full key at
 * every restart point), then the restart array, as LevelDB's {@code BlockBuilder} lays them out.
 */
final class LevelDbBlockBuilder {


    private final int restartInterval;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final List<Integer> restarts = new ArrayList<>(List.of(0));
    private int counter;
    private byte[] lastKey = new byte[0];

    LevelDbBlockBuilder(int restartInterval) {
        this.restartInterval = restartInterval;
    }

    boolean isEmpty() {
        return buffer.size() == 0;
    }

    int sizeEstimate() {
        return buffer.size() + restarts.size() * 4 + 4;
    }

    void add(byte[] key, byte[] value) {
        int shared = 0;
        if (counter < restartInterval) {
            int min = Math.min(lastKey.length, key.length);
            while (shared < min && lastKey[shared] == key[shared]) {
                shared++;
            }
        } else {
            restarts.add(buffer.size());
            counter = 0;
        }
        ProtoWire.putVarint(buffer, shared);
        ProtoWire.putVarint(buffer, key.length - shared);
        ProtoWire.putVarint(buffer, value.length);
        buffer.write(key, shared, key.length - shared);
        buffer.writeBytes(value);
        lastKey = key;
        counter++;
    }

    byte[] finish() {
        byte[] fixed = new byte[4];
        for (int restart : restarts) {
            LevelDbTable.putFixed32(fixed, 0, restart);
            buffer.writeBytes(fixed);
        }
        LevelDbTable.putFixed32(fixed, 0, restarts.size());
        buffer.writeBytes(fixed);
        byte[] contents = buffer.toByteArray();
        buffer.reset();
        restarts.clear();
        restarts.add(0);
        counter = 0;
        lastKey = new byte[0];
        return contents;
    }
}
