package org.scopedrnn.checkpoint;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.fs.HadoopFs;

/**
 * A training run's {@code checkpoints/} directory on any Hadoop FileSystem: committed
 * checkpoints are {@code step-<n>/} directories in the {@link NativeCheckpoint} format.
 *
 * <p>By default {@link #save} writes into a hidden {@code .tmp-step-<n>-<random>/} directory and renames it
 * to {@code step-<n>} only when complete, so readers (and a resumed run after a crash) see
 * either the whole checkpoint or none of it. Hidden leftovers of an interrupted save are never
 * listed, and the next save cleans them up.
 *
 * <p>On object stores (S3A, GCS, ...) a directory rename is a copy of every object followed by
 * deletes: neither atomic nor cheap. There the store commits with a marker instead: it writes
 * {@code step-<n>/} in place, {@code checkpoint.json} last, and a directory without that file
 * is not a checkpoint. Each object store PUT is atomic, and the manifest only appears once the
 * data file is complete, so readers again see all or nothing. Which protocol: Hadoop key
 * {@value #COMMIT_KEY} = {@code auto} (default: marker for the schemes in
 * {@link #OBJECT_STORE_SCHEMES}), {@code rename} or {@code marker}.
 *
 * <p>Assumes one writer (the training driver) per directory; any number of readers.
 */
public final class CheckpointStore {

    private static final Pattern STEP = Pattern.compile("step-(0|[1-9][0-9]{0,18})");
    private static final String TMP_PREFIX = ".tmp-";
    /** A replaced step waits here while its successor is renamed in. */
    private static final Pattern REPLACED = Pattern.compile("\\.replaced-(step-[0-9]+)-[0-9a-f]+");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Hadoop configuration key choosing the commit protocol: auto, rename or marker. */
    public static final String COMMIT_KEY = "scopedrnn.checkpoint.commit";
    /** File systems whose directory rename is a copy plus deletes. */
    public static final Set<String> OBJECT_STORE_SCHEMES =
            Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs", "wasb", "wasbs", "abfs", "abfss");

    private final Path dir;
    private final Configuration conf;
    private final int keepLast;

    /**
     * @param checkpointsDir where {@code step-<n>/} directories go; created on first save
     * @param keepLast how many of the most recent checkpoints to keep (the best by validation
     *     loss is kept in addition)
     */
    public CheckpointStore(Path checkpointsDir, Configuration conf, int keepLast) {
        if (checkpointsDir == null || conf == null) {
            throw new IllegalArgumentException("checkpointsDir and conf must not be null");
        }
        if (keepLast < 1) {
            throw new IllegalArgumentException("keepLast is " + keepLast + "; expected >= 1");
        }
        this.dir = checkpointsDir;
        this.conf = conf;
        this.keepLast = keepLast;
    }

    /**
     * Commits {@code ckpt} as {@code step-<metadata.step>}, replacing an existing checkpoint of
     * that step, then deletes checkpoints that are neither among the last {@code keepLast} nor
     * the best.
     *
     * @return the committed directory
     */
    public Path save(Checkpoint ckpt) throws IOException {
        FileSystem fs = fs();
        boolean marker = commitsWithMarker(fs);
        cleanUpInterruptedSaves(fs, marker);
        String name = "step-" + ckpt.metadata().step();
        if (marker) {
            Path target = new Path(dir, name);
            if (HadoopFs.statusOrNull(fs, target) != null) {
                uncommitAndDelete(fs, target);
            }
            writeOrCleanUp(fs, target, () -> NativeCheckpoint.write(ckpt, target, conf));
            applyRetention(fs, target, true);
            return target;
        }
        Path tmp = new Path(dir, TMP_PREFIX + name + "-" + randomSuffix());
        Path target = new Path(dir, name);
        writeOrCleanUp(fs, tmp, () -> {
            NativeCheckpoint.write(ckpt, tmp, conf);
            commit(fs, tmp, target);
        });
        applyRetention(fs, target, false);
        return target;
    }

    private interface Write {
        void run() throws IOException;
    }

    /**
     * Runs {@code write}; if it fails, deletes the uncommitted {@code partial} it leaves (a full disk
     * must not keep a half checkpoint), and reports the write's own error. Hadoop's local file
     * system reports a failed write (such as a full disk) as {@link FSError}, an Error: it becomes
     * the IOException it wraps.
     */
    private static void writeOrCleanUp(FileSystem fs, Path partial, Write write) throws IOException {
        try {
            write.run();
        } catch (IOException | RuntimeException | FSError e) {
            IOException failure = e instanceof FSError fsError ? HadoopFs.asIOException(fsError, partial) : null;
            Throwable primary = failure != null ? failure : e;
            try {
                HadoopFs.deleteRecursively(fs, partial);
            } catch (IOException | RuntimeException | FSError cleanup) {
                primary.addSuppressed(cleanup);
            }
            if (failure != null) {
                throw failure;
            }
            throw e;
        }
    }

    /** Committed checkpoints, ascending by step. */
    public List<Path> list() throws IOException {
        FileSystem fs = fs();
        if (HadoopFs.statusOrNull(fs, dir) == null) {
            return List.of();
        }
        List<Committed> found = new ArrayList<>();
        for (FileStatus child : fs.listStatus(dir)) {
            String name = child.getPath().getName();
            OptionalLong step = stepOf(name);
            if (child.isDirectory() && step.isPresent()) {
                Path p = new Path(dir, name);
                if (NativeCheckpoint.isCheckpoint(p, conf)) {
                    found.add(new Committed(step.getAsLong(), p));
                }
            }
        }
        found.sort(Comparator.comparingLong(Committed::step));
        return found.stream().map(Committed::path).toList();
    }

    /** The committed checkpoint with the highest step. */
    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The committed checkpoint with the lowest validation loss; on a tie the earliest, since a
     * later one did not improve on it. Checkpoints without a measured loss, or whose metadata
     * cannot be read, are not candidates.
     */
    public Optional<Path> best() throws IOException {
        return best(list());
    }

    public boolean isEmpty() throws IOException {
        return list().isEmpty();
    }

    /**
     * Removes every checkpoint ({@code train --overwrite}). With rename commits the directory is
     * renamed to a hidden sibling before it is deleted, so an interruption leaves either all the old
     * checkpoints or none of them visible. With marker commits each checkpoint's manifest goes
     * before its files: an interruption may leave some checkpoints, but never a half-deleted one.
     */
    public void clear() throws IOException {
        FileSystem fs = fs();
        if (HadoopFs.statusOrNull(fs, dir) == null) {
            return;
        }
        if (commitsWithMarker(fs)) { // no directory renames there: uncommit every checkpoint, then delete
            for (Path p : list()) {
                uncommitAndDelete(fs, p);
            }
            HadoopFs.deleteRecursively(fs, dir);
            return;
        }
        Path aside = new Path(dir.getParent(), ".cleared-" + dir.getName() + "-" + randomSuffix());
        HadoopFs.rename(fs, dir, aside);
        HadoopFs.deleteRecursively(fs, aside);
    }

    @Override
    public String toString() {
        return "CheckpointStore[" + dir + ", keepLast=" + keepLast + "]";
    }

    private FileSystem fs() throws IOException {
        return HadoopFs.forPath(dir, conf);
    }

    /** Whether this store commits with checkpoint.json as marker rather than a directory rename. */
    boolean commitsWithMarker(FileSystem fs) {
        String mode = conf.getTrimmed(COMMIT_KEY, "auto");
        return switch (mode) {
            case "marker" -> true;
            case "rename" -> false;
            case "auto" -> OBJECT_STORE_SCHEMES.contains(fs.getUri().getScheme());
            default -> throw new IllegalArgumentException(COMMIT_KEY + " is '" + mode
                    + "'; expected auto, rename or marker");
        };
    }

    /** Renames the finished {@code tmp} to {@code target}, moving an older target aside first. */
    private void commit(FileSystem fs, Path tmp, Path target) throws IOException {
        if (HadoopFs.statusOrNull(fs, target) == null) {
            HadoopFs.rename(fs, tmp, target);
            return;
        }
        Path aside = new Path(dir, ".replaced-" + target.getName() + "-" + randomSuffix());
        HadoopFs.rename(fs, target, aside);
        try {
            HadoopFs.rename(fs, tmp, target);
        } catch (IOException e) {
            try {
                HadoopFs.rename(fs, aside, target);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        HadoopFs.deleteRecursively(fs, aside);
    }

    /**
     * Deletes a checkpoint directory after renaming it to a hidden name: a recursive delete removes
     * files one by one, and a reader must never find a {@code step-<n>} whose manifest is still
     * there but whose tensors are gone. Leftovers of an interrupted delete go with the next save.
     */
    private void discard(FileSystem fs, Path checkpoint, boolean marker) throws IOException {
        if (marker) {
            uncommitAndDelete(fs, checkpoint); // a rename would be a copy there
            return;
        }
        Path hidden = new Path(dir, TMP_PREFIX + "discarded-" + checkpoint.getName() + "-" + randomSuffix());
        HadoopFs.rename(fs, checkpoint, hidden);
        HadoopFs.deleteRecursively(fs, hidden);
    }

    /** Marker commits: the manifest goes first, so a crash mid-delete never leaves it over missing data. */
    private static void uncommitAndDelete(FileSystem fs, Path checkpoint) throws IOException {
        HadoopFs.deleteRecursively(fs, new Path(checkpoint, NativeCheckpoint.MANIFEST));
        HadoopFs.deleteRecursively(fs, checkpoint);
    }

    private void applyRetention(FileSystem fs, Path justSaved, boolean marker) throws IOException {
        List<Path> all = list();
        Set<Path> keep = new HashSet<>(all.subList(Math.max(0, all.size() - keepLast), all.size()));
        best(all).ifPresent(keep::add);
        keep.add(justSaved); // even if a higher step exists, never delete what the caller just saved
        for (Path p : all) {
            if (!keep.contains(p)) {
                discard(fs, p, marker);
            }
        }
    }

    private Optional<Path> best(List<Path> candidates) {
        Path best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (Path p : candidates) {
            Double loss = validationLossOrNull(p);
            if (loss != null && (best == null || loss < bestLoss)) {
                best = p;
                bestLoss = loss;
            }
        }
        return Optional.ofNullable(best);
    }

    private Double validationLossOrNull(Path checkpoint) {
        try {
            return NativeCheckpoint.readMetadata(checkpoint, conf).validationLoss();
        } catch (IOException e) {
            // A damaged checkpoint cannot be "best"; reading it fails loudly where it is loaded.
            return null;
        }
    }

    /**
     * Removes what an interrupted save left: {@code .tmp-*} directories, and {@code .replaced-*}
     * ones, unless the crash came between moving a step aside and renaming its successor in;
     * then the moved-aside checkpoint is the only complete copy, and goes back.
     */
    private void cleanUpInterruptedSaves(FileSystem fs, boolean marker) throws IOException {
        if (HadoopFs.statusOrNull(fs, dir) == null) {
            return;
        }
        for (FileStatus child : fs.listStatus(dir)) {
            String name = child.getPath().getName();
            Path p = new Path(dir, name);
            Matcher replaced = REPLACED.matcher(name);
            if (replaced.matches()) {
                Path original = new Path(dir, replaced.group(1));
                if (HadoopFs.statusOrNull(fs, original) == null && NativeCheckpoint.isCheckpoint(p, conf)) {
                    HadoopFs.rename(fs, p, original);
                } else {
                    HadoopFs.deleteRecursively(fs, p);
                }
            } else if (name.startsWith(TMP_PREFIX)) {
                HadoopFs.deleteRecursively(fs, p);
            } else if (marker && child.isDirectory() && stepOf(name).isPresent()
                    && !NativeCheckpoint.isCheckpoint(p, conf)) {
                // with marker commits, an interrupted save is a step directory without its manifest
                HadoopFs.deleteRecursively(fs, p);
            }
        }
    }

    /** The n of a {@code step-<n>} name, written as save() writes it. */
    private static OptionalLong stepOf(String name) {
        Matcher m = STEP.matcher(name);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException tooBig) {
            return OptionalLong.empty();
        }
    }

    private static String randomSuffix() {
        return Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    private record Committed(long step, Path path) {}
}
