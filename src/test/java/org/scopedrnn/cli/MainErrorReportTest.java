package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An Error, wherever it surfaces, ends the command as one line and exit 1, never a stack trace. */
class MainErrorReportTest {

    private record Reported(int exitCode, String err) {}

    private static synchronized Reported report(Throwable t) {
        PrintStream old = System.err;
        var err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Reported(Main.report(t), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void outOfMemoryIsOneLineNamingTheHeapAndTheFix() {
        Reported r = report(new OutOfMemoryError("Java heap space"));

        assertEquals(Main.FAILURE, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: out of memory (Java heap space, max heap "), r.err());
        assertTrue(r.err().contains("SCOPED_RNN_HEAP"), r.err());
    }

    @Test
    void anErrorWrappedInAnExceptionIsOneLineToo() {
        Reported r = report(new IllegalStateException("job failed", new UnsatisfiedLinkError("no jnind4jcpu")));

        assertEquals(Main.FAILURE, r.exitCode());
        assertEquals("error: java.lang.UnsatisfiedLinkError: no jnind4jcpu (SCOPED_RNN_DEBUG=1 shows the stack trace)",
                r.err().strip());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
