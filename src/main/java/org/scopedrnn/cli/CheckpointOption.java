package org.scopedrnn.cli;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.sample.LoadedCharLstm;
import picocli.CommandLine.Option;

/** {@code --checkpoint PATH}: a checkpoint directory, on any Hadoop FileSystem. */
final class CheckpointOption {

    @Option(names = "--checkpoint", required = true, paramLabel = "PATH",
            description = "checkpoint directory, e.g. RUN_DIR/checkpoints/step-1000")
    String path;

    LoadedCharLstm loadCharLstm() throws IOException {
        return LoadedCharLstm.load(new Path(path), new Configuration());
    }
}
