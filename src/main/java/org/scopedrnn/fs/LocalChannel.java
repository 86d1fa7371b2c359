package org.scopedrnn.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What a plain local file read or written through its {@link FileChannel} holds, the same for
 * {@link FileInput} and {@link NewFile}: the channel, and the thread's spare direct buffer
 * ({@link SpareBuffer}) it lends until it closes.
 */
abstract class LocalChannel implements Closeable {
    protected final FileChannel channel;
    private final SpareBuffer spare = new SpareBuffer();

    LocalChannel(FileChannel channel) {
        this.channel = channel;
    }

    /** A direct buffer: the channel moves its bytes without another copy. */
    public ByteBuffer buffer(int capacity) {
        return spare.take(capacity);
    }

    @Override
    public void close() throws IOException {
        spare.giveBack();
        channel.close();
    }
}
