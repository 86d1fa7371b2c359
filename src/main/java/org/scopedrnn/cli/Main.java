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
        } catch (Error e) {
            // picocli hands only Exceptions to the handler; an Error thrown by a command ends here
            return report(e);
        }
    }

    static int report(Throwable e) {
        Error error = causeOf(e, Error.class);
        if (error != null && System.getenv("SCOPED_RNN_DEBUG") == null) {
            System.err.println("error: " + describeError(error));
            return FAILURE;
        }
        boolean bad = isBadInput(e);
        System.err.println("error: " + message(e));
        if (!bad || System.getenv("SCOPED_RNN_DEBUG") != null) {
            e.printStackTrace(System.err);
        }
        return bad ? BAD_INPUT : FAILURE;
    }

    /**
     * One line for an Error (out of memory, a native library that did not load, ...): its stack
     * trace helps a developer only, and SCOPED_RNN_DEBUG=1 shows it.
     */
    static String describeError(Error e) {
        if (e instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory() >> 20;
            return "out of memory (" + (e.getMessage() == null ? "" : e.getMessage() + ", ") + "max heap " + max
                    + " MiB): raise the heap (SCOPED_RNN_HEAP for scripts/scoped-rnn, -Xmx for java,"
                    + " spark.driver.memory under spark-submit); SCOPED_RNN_DEBUG=1 shows where it ran out";
        }
        return e + " (SCOPED_RNN_DEBUG=1 shows the stack trace)";
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
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
}
