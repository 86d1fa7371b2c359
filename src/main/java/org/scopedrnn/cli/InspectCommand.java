package org.scopedrnn.cli;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.interop.CheckpointFormat;
import org.scopedrnn.interop.Ml5Checkpoint;
import org.scopedrnn.interop.TensorFlowCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "List a checkpoint's variables as stored: name<TAB>shape<TAB>dtype, sorted by name "
                + "(like tf.train.list_variables). Any of the three formats.")
final class InspectCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, paramLabel = "PATH",
            description = "native checkpoint dir, TensorFlow prefix, or ml5 dir")
    String path;

    @Override
    public Integer call() throws Exception {
        var conf = new Configuration();
        Path p = new Path(path);
        Map<String, Tensor> variables = switch (CheckpointFormat.detect(p, conf)) {
            case NATIVE -> NativeCheckpoint.read(p, conf).variables();
            case TENSORFLOW -> TensorFlowCheckpoint.read(p, conf);
            case ML5 -> Ml5Checkpoint.read(p, conf).variables();
        };
        for (Map.Entry<String, Tensor> e : new TreeMap<>(variables).entrySet()) {
            System.out.println(e.getKey() + "\t" + Arrays.toString(e.getValue().shape()) + "\t"
                    + e.getValue().dtype().tfName());
        }
        return 0;
    }
}
