package org.scopedrnn.report.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;
import org.scopedrnn.wire.TfRecord;

/**
 * One TensorBoard event file, {@code events.out.tfevents.<seconds>.<host>}: TFRecords holding
 * {@link Events}, made visible to readers after every event, so a killed run keeps all it wrote.
 * Each process writes a new file, as TensorFlow does; TensorBoard reads a directory's files in
 * name order, which is the order of their start times.
 */
public final class EventFile implements Closeable {

    /** Prefix every event file name starts with; TensorBoard looks for {@code tfevents} in names. */
    public static final String PREFIX = "events.out.tfevents.";

    private final Path path;
    private final FSDataOutputStream out;

    private EventFile(Path path, FSDataOutputStream out) {
        this.path = path;
        this.out = out;
    }

    /**
     * Creates a new event file in {@code dir} (made if missing) and writes its version event and a
     * session start at {@code firstStep}, so TensorBoard forgets what earlier files recorded from
     * that step on.
     *
     * @param fs a file system that writes no checksum side files (the raw local one, not Hadoop's
     *     checksummed default), or TensorBoard would find a {@code .crc} file beside each event file
     */
    public static EventFile create(FileSystem fs, Path dir, long firstStep) throws IOException {
        fs.mkdirs(dir);
        long millis = System.currentTimeMillis();
        String base = PREFIX + String.format(Locale.ROOT, "%010d", millis / 1000) + "." + host();
        Path path = new Path(dir, base);
        for (int n = 1; fs.exists(path); n++) {
            path = new Path(dir, base + "." + n); // two starts within a second (tests, quick restarts)
        }
        var file = new EventFile(path, fs.create(path, false));
        file.write(Events.fileVersion(millis / 1000.0));
        file.write(Events.sessionStart(millis / 1000.0, firstStep));
        return file;
    }

    public Path path() {
        return path;
    }

    /** Appends one serialized event and pushes it to where readers see it. */
    public void write(byte[] event) throws IOException {
        out.write(TfRecord.frame(event));
        // HDFS shows readers data once hflushed; object stores (S3A) cannot, and show the file on close
        if (out.hasCapability(StreamCapabilities.HFLUSH)) {
            out.hflush();
        } else {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** This machine's name as TensorFlow puts it in event file names; "localhost" if it has none. */
    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "localhost";
        }
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "localhost" : safe;
    }
}
