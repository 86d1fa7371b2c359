package org.scopedrnn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a child process's log, for a failure message: temp dirs are gone once the test fails. */
public final class LogTail {

    private LogTail() {
    }

    /** The last 40 lines of {@code log}, or why there are none. */
    public static String of(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
