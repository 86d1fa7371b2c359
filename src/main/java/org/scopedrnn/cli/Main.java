package org.scopedrnn.cli;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import org.scopedrnn.checkpoint.CheckpointFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code scripts/scoped-rnn}: exit 0 on success, 2 on bad input, 1 on runtime
 * failure, 3 when training stopped at {@code --max-wall-time} with a checkpoint to resume from.
 */
@Command(name = "scoped-rnn", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Char-LSTM and seq2seq training on Spark, with TensorFlow-style variable scopes.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvaluateCommand.class, InspectCommand.class,
                DescribeCommand.class, ExportCommand.class, ImportCommand.class, TranslateCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;
    /** Not a failure: a scheduler reruns the job with {@code --resume}. */
    public static final int STOPPED_AT_WALL_TIME = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this; main exits with it). */
    public static int run(String... args) {
        var cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e));
        try {
            return cl.execute(args);
        } catch (Error e) { // picocli hands only Exceptions to the handler: an OutOfMemoryError, FSError, ... lands here
            return report(e);
        }
    }

    /**
     * One line on stderr, {@code error: ...}, and the exit code: 2 for bad input, 1 for a runtime
     * failure. The stack trace only with {@code SCOPED_RNN_DEBUG} set: a scheduler's log needs the
     * cause, not the frames.
     */
    static int report(Throwable e) {
        boolean bad = isBadInput(e);
        boolean debug = System.getenv("SCOPED_RNN_DEBUG") != null;
        System.err.println("error: " + (bad ? message(e) : failure(e) + heapHint(e))
                + (bad || debug ? "" : " (SCOPED_RNN_DEBUG=1 prints the stack trace)"));
        if (debug) {
            e.printStackTrace(System.err);
        }
        return bad ? BAD_INPUT : FAILURE;
    }

    /** The fix for an OutOfMemoryError anywhere in the chain: how large the heap is, and how to raise it. */
    static String heapHint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return "; the heap is " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB: raise it (SCOPED_RNN_HEAP"
                        + " for scripts/scoped-rnn, -Xmx for java, spark.driver.memory under spark-submit)";
            }
        }
        return "";
    }

    static boolean isBadInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof CheckpointFormatException
                    || t instanceof FileNotFoundException || t instanceof UserInputException) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof CheckpointFormatException
                    || t instanceof FileNotFoundException || t instanceof UserInputException) {
                return t.getMessage();
            }
        }
        return e instanceof UncheckedIOException u ? u.getMessage() : String.valueOf(e);
    }

    /** A runtime failure on one line: what failed, and the root cause if that adds something, bounded in length. */
    static String failure(Throwable e) {
        String line = firstLine(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootLine = firstLine(root);
        if (root != e && !line.contains(root.getMessage() == null ? rootLine : firstLineOf(root.getMessage()))) {
            line += ": " + rootLine;
        }
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }

    /** An Error, or an exception without a message, is named by its class. */
    private static String firstLine(Throwable t) {
        String text = t.getMessage() == null ? "" : firstLineOf(t.getMessage());
        return t instanceof Error || text.isEmpty() ? t.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text)
                : text;
    }

    private static String firstLineOf(String s) {
        return s.strip().lines().findFirst().orElse("");
    }

    private static final int MAX_MESSAGE = 600;
}
