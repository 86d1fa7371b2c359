package org.scopedrnn.cli;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.train.RunDir;

/**
 * The settings a resumed run inherits: those of the checkpoint it continues, under the command's
 * own ({@link ConfigLoader#load(String, java.io.File, java.util.List, Map)}). A scheduler's
 * unchanged command thus keeps resuming after an upgrade changes a default.
 */
final class ResumedSettings {

    private ResumedSettings() {
    }

    /**
     * The resolved config stored in the run dir's latest checkpoint, with {@code resume} and a
     * checkpoint of {@code modelType}; otherwise none (a fresh run, or a run dir of another model,
     * which the trainer refuses by name).
     */
    static Map<String, Object> of(boolean resume, String runDir, String modelType, Configuration conf)
            throws IOException {
        if (!resume) {
            return Map.of();
        }
        Optional<Path> latest = new RunDir(new Path(runDir), conf).store(1).latest();
        if (latest.isEmpty()) {
            return Map.of();
        }
        CheckpointMetadata saved = NativeCheckpoint.readMetadata(latest.get(), conf);
        return modelType.equals(saved.modelType()) ? saved.config() : Map.of();
    }
}
