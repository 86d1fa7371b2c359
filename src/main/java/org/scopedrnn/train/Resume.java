package org.scopedrnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointStore;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/** Where a run starts: from scratch, or from its run dir's latest checkpoint with {@code --resume}. */
final class Resume {

    private Resume() {
    }

    /**
     * A run dir that holds checkpoints is refused without {@code resume}, so that a second run
     * never mixes its checkpoints with the first's; with {@code resume} and no checkpoint the run
     * starts from scratch (a scheduler's rerun of a job that died before its first checkpoint);
     * with {@code overwrite} the run starts afresh, and {@link #clearIfOverwriting} deletes the old
     * checkpoints once everything else has been validated. Deletes nothing.
     */
    static Optional<Checkpoint> startingPoint(CheckpointStore store, RunDir runDir, boolean resume,
            boolean overwrite, PrintStream log) throws IOException {
        if (resume && overwrite) {
            throw new IllegalArgumentException("--resume and --overwrite contradict each other: --resume continues the"
                    + " run in " + runDir + ", --overwrite deletes its checkpoints and starts afresh; pass one of them");
        }
        if (overwrite) {
            return Optional.empty();
        }
        if (!resume) {
            if (!store.isEmpty()) {
                throw new IllegalArgumentException("run dir " + runDir + " already holds checkpoints "
                        + store.list().stream().map(Path::getName).toList()
                        + ": pass --resume to continue that run, --overwrite to delete them and start afresh, "
                        + "or choose another --run-dir");
            }
            return Optional.empty();
        }
        Optional<Path> latest = store.latest();
        if (latest.isEmpty()) {
            log.println("--resume: no checkpoint in " + runDir.checkpoints() + ", starting from scratch");
            return Optional.empty();
        }
        log.println("resuming from " + latest.get());
        return Optional.of(NativeCheckpoint.read(latest.get(), runDir.conf()));
    }

    /**
     * The last step before training, after the configuration, data, model and resume checkpoint
     * have all been checked: checks the run dir can be written ({@link RunDirProbe}), then, with
     * {@code --overwrite}, deletes the old checkpoints. So a run refused as bad input (exit 2) has
     * deleted nothing, and a run dir that cannot be written is found before training time is spent.
     */
    static void beforeTraining(CheckpointStore store, RunDir runDir, boolean overwrite, PrintStream log)
            throws IOException {
        runDir.probe();
        if (overwrite && !store.isEmpty()) {
            log.println("--overwrite: deleting the checkpoints " + store.list().stream().map(Path::getName).toList()
                    + " of " + runDir);
            store.clear();
        }
    }
}
