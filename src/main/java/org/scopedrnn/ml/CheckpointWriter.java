package org.scopedrnn.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import scala.Option;

/**
 * Saves a fitted model as Spark ML saves its own (the params as {@code DefaultParamsWriter}'s
 * metadata in {@code PATH/metadata}) plus the model itself as a native checkpoint in
 * {@code PATH/checkpoint}: the directory the command line's {@code sample}, {@code evaluate} and
 * {@code export --checkpoint} read, unchanged.
 */
final class CheckpointWriter extends MLWriter {

    /** The checkpoint's directory under a saved model's path. */
    static final String CHECKPOINT = "checkpoint";

    private final Params instance;
    private final Checkpoint checkpoint;

    CheckpointWriter(Params instance, Checkpoint checkpoint) {
        this.instance = instance;
        this.checkpoint = checkpoint;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sc(), Option.empty(), Option.empty());
        try {
            NativeCheckpoint.write(checkpoint, new Path(path, CHECKPOINT), sc().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model's checkpoint to " + path + ": " + e.getMessage(), e);
        }
    }

    /** How a model class is made from its uid and checkpoint. */
    interface Factory<T extends Params> {
        T create(String uid, Checkpoint checkpoint);
    }

    /** Reads what {@link CheckpointWriter} saved: the checkpoint, then the params on the new instance. */
    static final class Reader<T extends Params> extends MLReader<T> {

        private final Class<T> type;
        private final Factory<T> factory;

        Reader(Class<T> type, Factory<T> factory) {
            this.type = type;
            this.factory = factory;
        }

        @Override
        public T load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(),
                    type.getName());
            Checkpoint checkpoint;
            try {
                checkpoint = NativeCheckpoint.read(new Path(path, CHECKPOINT), sc().hadoopConfiguration());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the model's checkpoint from " + path + ": "
                        + e.getMessage(), e);
            }
            T instance = factory.create(metadata.uid(), checkpoint);
            metadata.getAndSetParams(instance, Option.empty());
            return instance;
        }
    }
}
