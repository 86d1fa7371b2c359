package org.scopedrnn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.scopedrnn.cli.Main;

/** The real command line ({@code scripts/scoped-rnn}'s entry point), in process. */
final class MlCli {

    private MlCli() {
    }

    /** Deletes a run dir a fit made under java.io.tmpdir (fits with the default runDir leave theirs, as they should). */
    static void deleteRunDir(String dir) throws java.io.IOException {
        java.nio.file.Path path = java.nio.file.Path.of(dir);
        if (java.nio.file.Files.exists(path)) {
            try (var walk = java.nio.file.Files.walk(path)) {
                for (var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
    }

    /** Runs {@code args}; returns what it printed on stdout, failing the test on a non-zero exit. */
    static synchronized String run(String... args) {
        PrintStream old = System.out;
        var out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, String.join(" ", args) + ": " + printed);
        return printed;
    }
}
