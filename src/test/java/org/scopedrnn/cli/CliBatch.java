package org.scopedrnn.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs several command lines in one JVM (started by a test with a small heap): each line of the
 * file given is one command line, arguments separated by tabs. Prints, per line, {@code @@exit N}
 * then what the command wrote to stderr.
 */
public final class CliBatch {

    private CliBatch() {
    }

    public static void main(String[] args) throws Exception {
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            CliRun run = CliRun.of(line.split("\t"));
            System.out.println("@@exit " + run.exitCode());
            System.out.println(run.err());
        }
        System.out.println("@@done max heap " + Runtime.getRuntime().maxMemory());
    }
}
