package org.scopedrnn.cli;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.interop.LoadedCharLstm;
import picocli.CommandLine.Option;

/**
 * {@code --checkpoint PATH [--vocab FILE]}: a native checkpoint directory, a TensorFlow V2
 * prefix, or an ml5/tfjs directory, on any Hadoop FileSystem.
 */
final class CheckpointOption {

    @Option(names = "--checkpoint", required = true, paramLabel = "PATH",
            description = "native checkpoint dir (RUN_DIR/checkpoints/step-N), TensorFlow prefix (model.ckpt), or ml5 dir")
    String path;

    @Option(names = "--vocab", paramLabel = "FILE",
            description = "vocabulary: JSON list of characters in id order, or object char -> id "
                    + "(default: the checkpoint's; for a TensorFlow prefix PREFIX.vocab.json, else vocab.json "
                    + "beside it)")
    String vocab;

    Path path() {
        return new Path(path);
    }

    LoadedCharLstm loadCharLstm() throws IOException {
        return LoadedCharLstm.load(path(), Optional.ofNullable(vocab).map(Path::new), new Configuration());
    }
}
