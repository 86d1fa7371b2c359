package org.scopedrnn.cli;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.checkpoint.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "List a checkpoint's variables: name<TAB>shape<TAB>dtype, sorted by name (like tf.train.list_variables).")
final class InspectCommand implements Callable<Integer> {

    @Mixin
    CheckpointOption checkpoint;

    @Override
    public Integer call() throws Exception {
        Checkpoint ckpt = NativeCheckpoint.read(new Path(checkpoint.path), new Configuration());
        for (Map.Entry<String, Tensor> e : new TreeMap<>(ckpt.variables()).entrySet()) {
            System.out.println(e.getKey() + "\t" + Arrays.toString(e.getValue().shape()) + "\t"
                    + e.getValue().dtype().tfName());
        }
        return 0;
    }
}
