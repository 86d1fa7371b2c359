package org.scopedrnn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Writes {@code vocab.json} as TensorFlow users expect it: a JSON list of characters in id order. */
final class Vocabularies {

    private Vocabularies() {
    }

    static void writeList(Path file, List<String> symbols, Configuration conf) throws IOException {
        try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
            new ObjectMapper().writeValue(out, symbols);
        }
    }
}
