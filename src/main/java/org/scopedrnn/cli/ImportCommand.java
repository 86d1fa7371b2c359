package org.scopedrnn.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.CheckpointMetadata;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.interop.LoadedCharLstm;
import org.scopedrnn.model.AdamSlots;
import org.scopedrnn.train.Versions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert a TensorFlow or ml5 checkpoint (or a native one) into a native checkpoint directory.")
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "PATH", description = "TensorFlow prefix, ml5 dir, or native dir")
    String in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "native checkpoint directory to create")
    String out;

    @Option(names = "--vocab", paramLabel = "FILE", description = "vocabulary, if the source has none beside it")
    String vocab;

    @Override
    public Integer call() throws Exception {
        var conf = new Configuration();
        Path target = new Path(out);
        if (target.getFileSystem(conf).exists(target)) {
            throw new IllegalArgumentException("--out " + out + " already exists: choose a new directory");
        }
        LoadedCharLstm loaded = LoadedCharLstm.load(new Path(in), Optional.ofNullable(vocab).map(Path::new), conf);
        Map<String, Tensor> variables = new LinkedHashMap<>(loaded.variables());
        long step = variables.get(AdamSlots.GLOBAL_STEP) instanceof LongTensor t && t.values().length == 1
                ? t.values()[0] : 0;
        var config = new LinkedHashMap<String, Object>();
        config.put("importedFrom", in);
        config.put("importedFormat", loaded.format().name().toLowerCase(java.util.Locale.ROOT));
        CheckpointMetadata meta = loaded.metadata().orElseGet(() -> new CheckpointMetadata(
                LoadedCharLstm.MODEL_TYPE, loaded.model().spec().toMap(), loaded.vocabulary().symbols(), step, 0, null,
                0L, config, Versions.all(), Instant.now().toString()));
        NativeCheckpoint.write(new Checkpoint(variables, meta), target, conf);
        System.err.println("imported " + variables.size() + " variables (" + loaded.model().spec().layers() + " x LSTM("
                + loaded.model().spec().hiddenSize() + "), vocabulary " + loaded.vocabulary().size() + ") into " + out);
        return 0;
    }
}
