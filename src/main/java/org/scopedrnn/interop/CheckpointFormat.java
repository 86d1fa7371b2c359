package org.scopedrnn.interop;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/**
 * The three checkpoint formats a {@code --checkpoint PATH} may name, told apart by what is
 * there: a native checkpoint directory ({@code checkpoint.json}), a TensorFlow V2 prefix
 * ({@code PREFIX.index}), or an ml5.js / tfjs directory ({@code manifest.json}).
 */
public enum CheckpointFormat {
    NATIVE, TENSORFLOW, ML5;

    public static CheckpointFormat detect(Path path, Configuration conf) throws IOException {
        if (TensorFlowCheckpoint.exists(path, conf)) {
            return TENSORFLOW;
        }
        var fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            throw new FileNotFoundException("checkpoint " + path + " does not exist (expected a checkpoint directory "
                    + "such as RUN_DIR/checkpoints/step-1000, a TensorFlow prefix with PREFIX.index beside it, or an "
                    + "ml5 directory with manifest.json)");
        }
        if (NativeCheckpoint.isCheckpoint(path, conf)) {
            return NATIVE;
        }
        if (Ml5Checkpoint.exists(path, conf)) {
            return ML5;
        }
        throw new CheckpointFormatException(path + " is not a checkpoint: no checkpoint.json (scoped-rnn), "
                + "no manifest.json (ml5/tfjs), and no " + path.getName() + ".index beside it (TensorFlow); pass a "
                + "checkpoint directory such as RUN_DIR/checkpoints/step-1000, or a TensorFlow prefix such as "
                + "model.ckpt");
    }
}
