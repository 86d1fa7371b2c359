package org.scopedrnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS in the test JVM: one NameNode and one DataNode from Hadoop's shaded minicluster
 * (the same 3.3.4 client Spark ships), every socket on 127.0.0.1, storage under a temp dir.
 */
public final class MiniHdfs implements AutoCloseable {

    private static MiniHdfs shared;

    private final MiniDFSCluster cluster;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * One HDFS per test JVM, shared by every test class (starting one takes seconds), shut down
     * when the JVM exits. Tests use their own directories in it.
     */
    public static synchronized MiniHdfs shared() throws IOException {
        if (shared == null) {
            Path base = java.nio.file.Files.createTempDirectory("scoped-rnn-minihdfs");
            shared = start(base);
            MiniHdfs started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                org.apache.commons.io.FileUtils.deleteQuietly(base.toFile());
            }));
        }
        return shared;
    }

    public static MiniHdfs start(Path baseDir) throws IOException {
        var conf = new Configuration();
        // loopback only, and no web UIs on well-known ports
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.namenode.https-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, baseDir.toFile())
                .numDataNodes(1)
                .format(true)
                .build();
        cluster.waitActive();
        return new MiniHdfs(cluster);
    }

    /** {@code hdfs://127.0.0.1:PORT} */
    public String uri() {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    /** {@code hdfs://127.0.0.1:PORT/path} */
    public String uri(String absolutePath) {
        return uri() + absolutePath;
    }

    public FileSystem fs() {
        try {
            return cluster.getFileSystem();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code absolutePath} on HDFS and returns its hdfs:// URI. */
    public String write(String absolutePath, String text) throws IOException {
        try (FSDataOutputStream out = fs().create(new org.apache.hadoop.fs.Path(absolutePath), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return uri(absolutePath);
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
