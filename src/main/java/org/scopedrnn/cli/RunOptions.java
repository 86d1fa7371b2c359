package org.scopedrnn.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every {@code train} command shares; each one is shorthand for a config key. */
final class RunOptions {

    @Option(names = "--input", paramLabel = "PATH", description = "training data (sets data.input)")
    String input;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "where checkpoints go (default runs/<model>-<time>)")
    String runDir;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (sets spark.master; default local[*])")
    String master;

    @Option(names = "--epochs", paramLabel = "N", description = "sets train.epochs")
    Integer epochs;

    @Option(names = "--resume", description = "continue from the run dir's latest checkpoint")
    boolean resume;

    /** Appends the {@code --set} equivalents of the options given. */
    void addSets(List<String> sets) {
        if (input != null) {
            sets.add("data.input=" + quote(input));
        }
        if (master != null) {
            sets.add("spark.master=" + quote(master));
        }
        if (epochs != null) {
            sets.add("train.epochs=" + epochs);
        }
    }

    String runDir(String model) {
        return runDir != null ? runDir
                : "runs/" + model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
