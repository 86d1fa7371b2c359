package org.scopedrnn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFlowVocabularyTest {

    private static final Configuration CONF = new Configuration();

    @TempDir java.nio.file.Path tmp;

    private Path prefix(String name) {
        return new Path(tmp.resolve(name).toString());
    }

    @Test
    void eachPrefixHasItsOwnFileAndFindsItBeforeTheDirectorysVocabJson() throws IOException {
        Files.writeString(tmp.resolve("vocab.json"), "[\"x\", \"y\"]");
        TensorFlowVocabulary.write(prefix("a.ckpt"), List.of("a", "b"), CONF);

        assertEquals(new Path(tmp.resolve("a.ckpt.vocab.json").toString()),
                TensorFlowVocabulary.path(prefix("a.ckpt")));
        assertEquals("[\"a\",\"b\"]", Files.readString(tmp.resolve("a.ckpt.vocab.json")));
        assertEquals(Optional.of(TensorFlowVocabulary.path(prefix("a.ckpt"))),
                TensorFlowVocabulary.find(prefix("a.ckpt"), CONF).map(p -> new Path(p.toUri().getPath())));
        // a checkpoint without its own file, as TF tool chains leave them, reads the directory's
        assertEquals(Optional.of(new Path(tmp.resolve("vocab.json").toString())),
                TensorFlowVocabulary.find(prefix("b.ckpt"), CONF).map(p -> new Path(p.toUri().getPath())));
    }

    @Test
    void noVocabularyIsFoundWhereThereIsNone() throws IOException {
        assertEquals(Optional.empty(), TensorFlowVocabulary.find(prefix("model.ckpt"), CONF));
    }

    @Test
    void anExistingFileIsNeverReplaced() throws IOException {
        TensorFlowVocabulary.write(prefix("a.ckpt"), List.of("a", "b"), CONF);

        assertThrows(FileAlreadyExistsException.class,
                () -> TensorFlowVocabulary.write(prefix("a.ckpt"), List.of("c", "d"), CONF));
        assertEquals("[\"a\",\"b\"]", Files.readString(tmp.resolve("a.ckpt.vocab.json")));
    }
}
