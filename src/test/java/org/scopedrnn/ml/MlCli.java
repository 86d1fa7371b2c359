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
