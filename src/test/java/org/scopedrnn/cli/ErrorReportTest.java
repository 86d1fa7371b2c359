package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scopedrnn.FaultyFs;

/** A runtime failure (exit 1) is one line on stderr naming the cause, never a stack trace, even for an Error. */
class ErrorReportTest {

    private record Reported(int exitCode, List<String> lines) {
    }

    private static synchronized Reported report(Throwable e) {
        PrintStream old = System.err;
        var bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int code = Main.report(e);
            return new Reported(code, bytes.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void hadoopsFsErrorOfAFullDiskIsExit1OnOneLine() {
        Reported r = report(FaultyFs.fsError(new IOException("No space left on device")));
        assertEquals(Main.FAILURE, r.exitCode());
        assertEquals(1, r.lines().size(), r.lines().toString());
        assertTrue(r.lines().get(0).startsWith("error: FSError") && r.lines().get(0).contains("No space left on device")
                && r.lines().get(0).contains("SCOPED_RNN_DEBUG=1"), r.lines().get(0));
    }

    @Test
    void outOfMemoryIsExit1OnOneLine() {
        Reported r = report(new OutOfMemoryError("Java heap space"));
        assertEquals(Main.FAILURE, r.exitCode());
        assertEquals(1, r.lines().size(), r.lines().toString());
        assertTrue(r.lines().get(0).startsWith("error: OutOfMemoryError: Java heap space"), r.lines().get(0));
        // and the fix: how large the heap is, and how to raise it
        assertTrue(r.lines().get(0).contains("; the heap is ") && r.lines().get(0).contains(" MiB: raise it"
                + " (SCOPED_RNN_HEAP for scripts/scoped-rnn"), r.lines().get(0));
    }

    @Test
    void anIoFailureNamesWhatFailedAndTheRootCauseOnce() {
        var e = new UncheckedIOException("could not save checkpoint step-8",
                new IOException("could not write /r/checkpoints/.tmp-step-8: No space left on device",
                        new IOException("No space left on device")));
        Reported r = report(e);
        assertEquals(Main.FAILURE, r.exitCode());
        assertEquals(List.of("error: could not save checkpoint step-8: No space left on device "
                + "(SCOPED_RNN_DEBUG=1 prints the stack trace)"), r.lines());
    }

    @Test
    void aMultiLineSparkMessageKeepsItsFirstLine() {
        Reported r = report(new IllegalStateException("Job aborted due to stage failure: task 3 failed 4 times\n"
                + "Driver stacktrace:\n\tat org.apache.spark.Foo.bar(Foo.scala:1)"));
        assertEquals(1, r.lines().size(), r.lines().toString());
        assertTrue(r.lines().get(0).startsWith("error: Job aborted due to stage failure: task 3 failed 4 times"),
                r.lines().get(0));
    }
}
