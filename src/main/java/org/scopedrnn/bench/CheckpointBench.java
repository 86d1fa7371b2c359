package org.scopedrnn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.interop.TensorFlowCheckpoint;
import org.scopedrnn.model.AdamSlots;
import org.scopedrnn.model.CharLstmModel;

/**
 * Checkpoint write and read speed in MB/s (10^6 bytes of files on disk per second), native and
 * TensorFlow V2 formats, for a model with its Adam slots as {@code train} saves it. Writes include
 * the formats' own sync and commit; before each read the files are evicted from the page cache
 * (GNU dd's {@code iflag=nocache}) so reads come from the disk, as after a restart. The native
 * format's time per checkpoint in milliseconds is reported too: for the small preset it is the
 * fixed cost a training run pays per save and per resume.
 */
public final class CheckpointBench {

    private CheckpointBench() {
    }

    /** @return the figures by name, plus whether reads could be made uncached ({@code reads_uncached}) */
    public static Map<String, Timings> run(CharLstmModel model, Vocabulary vocab, Path dir, int warmup, int reps,
            Map<String, String> info) throws IOException {
        var variables = new LinkedHashMap<String, Tensor>(model.weights());
        variables.putAll(AdamSlots.read(model));
        var meta = new CheckpointMetadata("char-lstm", model.spec().toMap(), vocab.symbols(), 0, 0, null, 0,
                Map.of(), Map.of(), Instant.now().toString());
        var ckpt = new Checkpoint(variables, meta);
        var conf = new Configuration();
        var out = new LinkedHashMap<String, Timings>();
        Series nat = measure(dir, "native", false, warmup, reps,
                target -> NativeCheckpoint.write(ckpt, hadoopPath(target), conf),
                target -> NativeCheckpoint.read(hadoopPath(target), conf));
        info.put("ckpt_bytes", Long.toString(nat.bytes));
        out.put("ckpt_write_mbps", new Timings(nat.writeMbps));
        out.put("ckpt_read_mbps", new Timings(nat.readMbps));
        out.put("ckpt_write_ms", new Timings(nat.writeMs));
        out.put("ckpt_read_ms", new Timings(nat.readMs));
        Series tf = measure(dir, "tf", true, warmup, reps,
                target -> TensorFlowCheckpoint.write(variables, hadoopPath(target.resolve("model.ckpt")), conf),
                target -> TensorFlowCheckpoint.read(hadoopPath(target.resolve("model.ckpt")), conf));
        info.put("ckpt_tf_bytes", Long.toString(tf.bytes));
        out.put("ckpt_tf_write_mbps", new Timings(tf.writeMbps));
        out.put("ckpt_tf_read_mbps", new Timings(tf.readMbps));
        info.put("ckpt_reads_uncached", Boolean.toString(nat.uncached && tf.uncached));
        return out;
    }

    /** Writes or reads one checkpoint in a target directory. */
    private interface Io {
        void apply(Path target) throws IOException;
    }

    /** The timed repetitions of one format (warm-up left out), and what the last one wrote. */
    private static final class Series {
        final List<Double> writeMbps = new ArrayList<>();
        final List<Double> readMbps = new ArrayList<>();
        final List<Double> writeMs = new ArrayList<>();
        final List<Double> readMs = new ArrayList<>();
        boolean uncached = true;
        long bytes;
    }

    /** Writes, evicts from the page cache, reads and deletes {@code warmup + reps} times. */
    private static Series measure(Path dir, String kind, boolean makeDir, int warmup, int reps, Io write, Io read)
            throws IOException {
        var s = new Series();
        for (int i = 0; i < warmup + reps; i++) {
            Path target = dir.resolve(kind + "-" + i);
            if (makeDir) {
                Files.createDirectories(target);
            }
            long t0 = System.nanoTime();
            write.apply(target);
            long writeNs = System.nanoTime() - t0;
            s.bytes = bytesUnder(target);
            s.uncached &= evict(target);
            t0 = System.nanoTime();
            read.apply(target);
            long readNs = System.nanoTime() - t0;
            if (i >= warmup) {
                s.writeMbps.add(s.bytes / 1e6 / (writeNs / 1e9));
                s.readMbps.add(s.bytes / 1e6 / (readNs / 1e9));
                s.writeMs.add(writeNs / 1e6);
                s.readMs.add(readNs / 1e6);
            }
            delete(target);
        }
        return s;
    }

    private static org.apache.hadoop.fs.Path hadoopPath(Path local) {
        return new org.apache.hadoop.fs.Path(local.toString());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static long bytesUnder(Path dir) throws IOException {
        long total = 0;
        for (Path f : files(dir)) {
            total += Files.size(f);
        }
        return total;
    }

    /**
     * Drops the files' pages from the page cache (they are clean: both formats sync on commit).
     * GNU dd with {@code iflag=nocache count=0} asks the kernel to; Java has no fadvise.
     *
     * @return false if that was not possible here, so reads are reported as cached
     */
    static boolean evict(Path dir) throws IOException {
        boolean all = true;
        for (Path f : files(dir)) {
            try {
                Process p = new ProcessBuilder("dd", "if=" + f, "iflag=nocache", "count=0", "status=none")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                all &= p.waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return all;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
