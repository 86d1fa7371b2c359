package org.scopedrnn.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.fs.HadoopFs;

/**
 * The vocabulary kept beside a TensorFlow checkpoint, which has no place for one inside:
 * {@code PREFIX.vocab.json}, a JSON list of the characters in id order. One file per prefix, so
 * two checkpoints exported into one directory keep their own vocabularies. A {@code vocab.json}
 * in the checkpoint's directory, what TF tool chains (and exports of earlier versions) leave, is
 * read when there is no per-prefix file.
 */
public final class TensorFlowVocabulary {

    public static final String SUFFIX = ".vocab.json";
    /** The per-directory name, read for checkpoints that have no per-prefix file. */
    public static final String SHARED = "vocab.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TensorFlowVocabulary() {}

    /** {@code PREFIX.vocab.json}. */
    public static Path path(Path prefix) {
        return prefix.suffix(SUFFIX);
    }

    /** The vocabulary file of the checkpoint at {@code prefix}: its own, else its directory's, else none. */
    public static Optional<Path> find(Path prefix, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(prefix, conf);
        for (Path candidate : List.of(path(prefix), new Path(prefix.getParent(), SHARED))) {
            FileStatus status = HadoopFs.statusOrNull(fs, candidate);
            if (status != null && status.isFile()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes {@code PREFIX.vocab.json}, with no checksum side file.
     *
     * @throws FileAlreadyExistsException if it exists
     */
    public static void write(Path prefix, List<String> symbols, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(prefix, conf);
        Path file = path(prefix);
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(JSON.writeValueAsBytes(symbols));
            HadoopFs.syncIfSupported(out);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            delete(prefix, conf);
            throw e;
        }
    }

    /** Removes {@code PREFIX.vocab.json}, if there is one (an export that failed after writing it). */
    public static void delete(Path prefix, Configuration conf) throws IOException {
        FileSystem fs = HadoopFs.forPath(prefix, conf);
        fs.delete(path(prefix), false);
    }
}
