package org.scopedrnn.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.interop.CharLstmNames;
import org.scopedrnn.interop.LoadedCharLstm;
import org.scopedrnn.interop.Ml5Checkpoint;
import org.scopedrnn.interop.TensorFlowCheckpoint;
import org.scopedrnn.interop.TensorFlowVocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a checkpoint for TensorFlow (V2 checkpoint: weights, Adam slots, global_step, and "
                + "PREFIX.vocab.json beside it) or for ml5.js (manifest.json + one float32 file per variable + "
                + "vocab.json). Nothing that exists is replaced.")
final class ExportCommand implements Callable<Integer> {

    enum Format { tf, ml5 }

    @Mixin
    CheckpointOption checkpoint;

    @Option(names = "--format", required = true, description = "tf or ml5")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "PATH",
            description = "tf: the checkpoint prefix to write (e.g. out/model.ckpt); ml5: a new directory")
    String out;

    @Override
    public Integer call() throws Exception {
        var conf = new Configuration();
        Path target = new Path(out);
        // before the checkpoint is loaded: a refusal should not wait for that
        refuseExisting(target, conf);
        LoadedCharLstm loaded = checkpoint.loadCharLstm();
        switch (format) {
            case tf -> {
                // the vocabulary first: a checkpoint whose index is visible always has its own beside it
                TensorFlowVocabulary.write(target, loaded.vocabulary().symbols(), conf);
                try {
                    TensorFlowCheckpoint.write(loaded.variables(), target, conf);
                } catch (IOException | RuntimeException e) {
                    TensorFlowVocabulary.delete(target, conf);
                    throw e;
                }
            }
            case ml5 -> {
                // the stored values, not a DL4J round trip (which would move the forget bias by an ulp)
                var canonical = new LinkedHashMap<String, Tensor>();
                loaded.model().variableNames().forEach(n -> canonical.put(n, loaded.variables().get(n)));
                Map<String, Tensor> weights = CharLstmNames.toMl5(canonical, loaded.model().spec());
                try {
                    Ml5Checkpoint.write(target, weights, loaded.vocabulary().symbols(), conf);
                } catch (FileAlreadyExistsException e) {
                    throw new UserInputException("--out " + out + " appeared while the export ran: choose a new"
                            + " directory (nothing was written)");
                }
            }
        }
        System.err.println("exported " + loaded.variables().size() + " variables to " + out + " (" + format + ")");
        return 0;
    }

    /** Refuses to replace anything: an export must never clobber another model, or its vocabulary. */
    private void refuseExisting(Path target, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        FileStatus status = statusOrNull(fs, target);
        if (format == Format.ml5) {
            if (status != null) {
                throw new UserInputException("--out " + out + " already exists: ml5 export writes a new directory;"
                        + " choose another --out (nothing was written)");
            }
        } else {
            if (status != null && status.isDirectory()) {
                throw new UserInputException("--out " + out + " is a directory: a TensorFlow checkpoint is named by"
                        + " a prefix, e.g. --out " + new Path(target, "model.ckpt") + " writes model.ckpt.index,"
                        + " model.ckpt.data-00000-of-00001 and model.ckpt" + TensorFlowVocabulary.SUFFIX + " into it");
            }
            for (Path p : new Path[] {target.suffix(".index"), TensorFlowVocabulary.path(target)}) {
                if (statusOrNull(fs, p) != null) {
                    throw new UserInputException("--out " + out + ": " + p + " already exists (a checkpoint was"
                            + " exported to this prefix): choose another --out prefix (nothing was written)");
                }
            }
        }
        for (Path up = target.getParent(); up != null; up = up.getParent()) {
            FileStatus s = statusOrNull(fs, up);
            if (s != null) {
                if (!s.isDirectory()) {
                    throw new UserInputException("--out " + out + ": " + up + " is a file, not a directory");
                }
                return;
            }
        }
    }

    private static FileStatus statusOrNull(FileSystem fs, Path p) throws IOException {
        try {
            return fs.getFileStatus(p);
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }
}
