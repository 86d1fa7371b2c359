package org.scopedrnn.interop;

import static org.scopedrnn.interop.Ml5Checkpoint.JSON;
import static org.scopedrnn.interop.Ml5Checkpoint.MANIFEST;
import static org.scopedrnn.interop.Ml5Checkpoint.VOCAB;
import static org.scopedrnn.interop.Ml5Checkpoint.fileName;
import static org.scopedrnn.interop.Ml5Checkpoint.fileNameProblem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.checkpoint.TensorWriter;
import org.scopedrnn.fs.HadoopFs;
import org.scopedrnn.fs.NewFile;

/** How {@link Ml5Checkpoint#write} lays out a directory: into a temporary sibling, then renamed. */
final class Ml5Writer {

    private Ml5Writer() {
    }

    static void write(Path dir, Map<String, ? extends Tensor> variables, List<String> vocabulary,
            Configuration conf) throws IOException {
        if (variables == null || variables.isEmpty()) {
            throw new IllegalArgumentException("an ml5 checkpoint needs at least one variable, got "
                    + (variables == null ? "null" : "none"));
        }
        List<String> vocab = Ml5Vocabulary.checked(vocabulary);
        Map<String, String> fileNames = fileNames(variables);
        FileSystem fs = HadoopFs.forPath(dir, conf);
        if (HadoopFs.statusOrNull(fs, dir) != null) {
            throw new FileAlreadyExistsException("ml5 checkpoint directory " + dir + " already exists; write"
                    + " to a new directory");
        }
        Path parent = dir.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("cannot write an ml5 checkpoint to the root directory " + dir);
        }
        if (!fs.mkdirs(parent)) {
            throw new IOException("could not create directory " + parent);
        }
        Path pending = new Path(parent, "." + dir.getName() + ".tmp-" + UUID.randomUUID());
        if (!fs.mkdirs(pending)) {
            throw new IOException("could not create temporary directory " + pending);
        }
        try {
            for (Map.Entry<String, ? extends Tensor> e : variables.entrySet()) {
                writeFloats(fs, new Path(pending, fileNames.get(e.getKey())), (FloatTensor) e.getValue());
            }
            writeBytes(fs, new Path(pending, MANIFEST), manifestJson(variables, fileNames));
            writeBytes(fs, new Path(pending, VOCAB), Ml5Vocabulary.json(vocab));
            HadoopFs.rename(fs, pending, dir);
        } catch (IOException | RuntimeException e) {
            try {
                HadoopFs.deleteRecursively(fs, pending);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Variable name -> file name, checked: float32 only, valid and distinct file names. */
    private static Map<String, String> fileNames(Map<String, ? extends Tensor> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> owner = new HashMap<>();
        for (Map.Entry<String, ? extends Tensor> e : variables.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("variable name is " + (name == null ? "null" : "empty")
                        + "; expected a TensorFlow name such as rnnlm/softmax_w");
            }
            if (!(e.getValue() instanceof FloatTensor)) {
                throw new IllegalArgumentException("variable " + name + " is "
                        + (e.getValue() == null ? "null" : e.getValue().dtype().tfName())
                        + "; ml5 checkpoints hold float32 only (leave out optimizer state such as global_step)");
            }
            String file = fileName(name);
            String problem = fileNameProblem(file);
            if (problem != null || file.equals(MANIFEST) || file.equals(VOCAB)) {
                throw new IllegalArgumentException("variable " + name + " would be stored in file \"" + file
                        + "\", which " + (problem != null ? "is not a plain file name: " + problem
                        : "is reserved for the checkpoint's JSON"));
            }
            String previous = owner.put(file, name);
            if (previous != null) {
                throw new IllegalArgumentException("variables " + previous + " and " + name
                        + " would both be stored in file " + file + " ('/' becomes '_'); rename one of them");
            }
            out.put(name, file);
        }
        return out;
    }


    /** Raw little-endian floats, written as native checkpoints write theirs (one reusable chunk, synced). */
    private static void writeFloats(FileSystem fs, Path file, FloatTensor t) throws IOException {
        try (NewFile out = NewFile.create(fs, file)) {
            new TensorWriter(out, TensorWriter.bytesOf(List.of(t))).write(file.getName(), t);
            out.sync();
        }
    }

    private static void writeBytes(FileSystem fs, Path file, byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(bytes);
            HadoopFs.syncIfSupported(out);
        }
    }

    private static byte[] manifestJson(Map<String, ? extends Tensor> variables, Map<String, String> fileNames)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        for (Map.Entry<String, ? extends Tensor> e : variables.entrySet()) {
            ObjectNode v = root.putObject(e.getKey());
            v.put("filename", fileNames.get(e.getKey()));
            ArrayNode shape = v.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
        }
        return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
