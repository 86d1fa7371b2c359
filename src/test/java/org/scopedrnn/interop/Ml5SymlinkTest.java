package org.scopedrnn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import org.scopedrnn.checkpoint.FloatTensor;

/** An ml5 directory is read from its own plain files: no symbolic link is followed, wherever it points. */
class Ml5SymlinkTest {

    private static final Configuration CONF = new Configuration();

    @TempDir java.nio.file.Path tmp;

    /** An ml5 checkpoint with one variable {@code w} of 2 floats, its file written by the writer. */
    private java.nio.file.Path written() throws IOException {
        java.nio.file.Path dir = tmp.resolve("model");
        Ml5Checkpoint.write(new Path(dir.toString()), Map.of("w", new FloatTensor(new long[] {2}, new float[] {1, 2})),
                List.of("a", "b"), CONF);
        return dir;
    }

    private static String refusal(java.nio.file.Path dir) {
        return assertThrows(CheckpointFormatException.class,
                () -> Ml5Checkpoint.read(new Path(dir.toString()), CONF)).getMessage();
    }

    @Test
    void aVariableFileLinkedToAFileOutsideTheDirectoryIsRefused() throws IOException {
        java.nio.file.Path dir = written();
        java.nio.file.Path outside = Files.write(tmp.resolve("secret"), new byte[8]);
        Files.delete(dir.resolve("w"));
        Files.createSymbolicLink(dir.resolve("w"), outside);

        String m = refusal(dir);

        assertTrue(m.contains("variable w: its file w is a symbolic link (to ") && m.contains("secret"), m);
        assertTrue(m.contains("cp -L"), m);
    }

    @Test
    void aLinkInsideTheDirectoryIsRefusedToo() throws IOException {
        java.nio.file.Path dir = written();
        Files.move(dir.resolve("w"), dir.resolve("w.real"));
        Files.createSymbolicLink(dir.resolve("w"), dir.resolve("w.real").getFileName());

        assertTrue(refusal(dir).contains("its file w is a symbolic link"));
    }

    @Test
    void linkedManifestOrVocabularyIsRefused() throws IOException {
        for (String name : new String[] {Ml5Checkpoint.MANIFEST, Ml5Checkpoint.VOCAB}) {
            java.nio.file.Path dir = written();
            java.nio.file.Path moved = Files.move(dir.resolve(name), tmp.resolve("moved-" + name));
            Files.createSymbolicLink(dir.resolve(name), moved);

            assertTrue(refusal(dir).contains(name + " is a symbolic link"), name);
            deleteTree(dir);
        }
    }

    @Test
    void aLinkedCheckpointDirectoryIsReadAsTheUserNamedIt() throws IOException {
        java.nio.file.Path dir = written();
        java.nio.file.Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);

        Ml5Checkpoint ml5 = Ml5Checkpoint.read(new Path(link.toString()), CONF);

        assertEquals(new FloatTensor(new long[] {2}, new float[] {1, 2}), ml5.variables().get("w"));
    }

    private static void deleteTree(java.nio.file.Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (java.nio.file.Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
