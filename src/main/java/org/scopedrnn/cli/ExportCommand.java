package org.scopedrnn.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Ml5Checkpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.checkpoint.TensorFlowCheckpoint;
import org.scopedrnn.model.CharLstmLayouts;
import org.scopedrnn.sample.LoadedCharLstm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a checkpoint for TensorFlow (V2 checkpoint: weights, Adam slots, global_step, vocab.json "
                + "beside it) or for ml5.js (manifest.json + one float32 file per variable + vocab.json).")
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
        LoadedCharLstm loaded = checkpoint.loadCharLstm();
        Path target = new Path(out);
        switch (format) {
            case tf -> {
                if (TensorFlowCheckpoint.exists(target, conf)) {
                    throw new IllegalArgumentException(out + ".index already exists: choose another --out prefix");
                }
                TensorFlowCheckpoint.write(loaded.variables(), target, conf);
                Vocabularies.writeList(new Path(target.getParent(), LoadedCharLstm.VOCAB_FILE),
                        loaded.vocabulary().symbols(), conf);
            }
            case ml5 -> {
                // the stored values, not a DL4J round trip (which would move the forget bias by an ulp)
                var canonical = new LinkedHashMap<String, Tensor>();
                loaded.model().variableNames().forEach(n -> canonical.put(n, loaded.variables().get(n)));
                Map<String, Tensor> weights = CharLstmLayouts.toMl5(canonical, loaded.model().spec());
                Ml5Checkpoint.write(target, weights, loaded.vocabulary().symbols(), conf);
            }
        }
        System.err.println("exported " + loaded.variables().size() + " variables to " + out + " (" + format + ")");
        return 0;
    }
}
