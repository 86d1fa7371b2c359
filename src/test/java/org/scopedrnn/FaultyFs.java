package org.scopedrnn;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local disk seen through a Hadoop FileSystem that can fail as real disks do, without root or
 * a mount: {@code faulty://NAME/abs/path} is {@code /abs/path}, and the {@link Disk} called NAME
 * decides how much more can be written (then writes throw {@link FSError}, exactly as Hadoop's
 * local file system reports ENOSPC) and whether renames are refused.
 */
public final class FaultyFs extends RawLocalFileSystem {

    public static final String SCHEME = "faulty";
    private static final Map<String, Disk> DISKS = new ConcurrentHashMap<>();

    /** One simulated disk's faults. */
    public static final class Disk {
        private final AtomicLong free;
        private volatile boolean renamesRefused;

        private Disk(long freeBytes) {
            this.free = new AtomicLong(freeBytes);
        }

        public Disk refuseRenames() {
            renamesRefused = true;
            return this;
        }

        public long free() {
            return free.get();
        }
    }

    private URI uri;
    private Disk disk;

    /** A disk named {@code name} with {@code freeBytes} left for writes (Long.MAX_VALUE: never full). */
    public static Disk disk(String name, long freeBytes) {
        Disk d = new Disk(freeBytes);
        DISKS.put(name, d);
        return d;
    }

    /** Makes {@code conf} resolve {@code faulty://} paths to this class. */
    public static Configuration register(Configuration conf) {
        conf.set("fs." + SCHEME + ".impl", FaultyFs.class.getName());
        conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
        return conf;
    }

    /** {@code faulty://disk/<absolute local path>} */
    public static Path path(String disk, java.nio.file.Path local) {
        return new Path(SCHEME + "://" + disk + local.toAbsolutePath());
    }

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        super.initialize(name, conf);
        uri = URI.create(SCHEME + "://" + name.getAuthority() + "/");
        disk = DISKS.get(name.getAuthority());
        if (disk == null) {
            throw new IOException("no FaultyFs disk named " + name.getAuthority());
        }
    }

    @Override
    public URI getUri() {
        return uri != null ? uri : super.getUri(); // RawLocalFileSystem's constructor asks before initialize
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        FSDataOutputStream real = super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
        return new FSDataOutputStream(new Filling(real, disk), null);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        return new FSDataOutputStream(new Filling(super.create(f, overwrite, bufferSize, replication, blockSize,
                progress), disk), null);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        if (disk.renamesRefused) {
            throw new org.apache.hadoop.security.AccessControlException("Permission denied: rename " + src);
        }
        return super.rename(src, dst);
    }

    /** Hadoop's own wrapper of a local write failure; its constructor is package-private. */
    public static FSError fsError(IOException cause) {
        try {
            var c = FSError.class.getDeclaredConstructor(Throwable.class);
            c.setAccessible(true);
            return c.newInstance(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build Hadoop's FSError", e);
        }
    }

    /** Writes what still fits, then fails as a full local disk does. */
    private static final class Filling extends OutputStream {
        private final OutputStream out;
        private final Disk disk;

        Filling(OutputStream out, Disk disk) {
            this.out = out;
            this.disk = disk;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long before = disk.free.getAndUpdate(f -> Math.max(0, f - len));
            int fits = (int) Math.min(len, before);
            out.write(b, off, fits);
            if (fits < len) {
                throw fsError(new IOException("No space left on device"));
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
