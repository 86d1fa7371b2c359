package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.interop.HostileFiles;

/** A message about a file quotes its content cut short, whichever command reads it. */
class BoundedMessagesCliTest {

    @TempDir
    Path dir;

    @Test
    void aShapeOf200000DimensionsMakesAShortMessageEvenWhenItsBytesAreValid() throws Exception {
        // one float, correctly stored: only the model's layout recognition finds it wrong
        Path prefix = Files.createDirectories(dir.resolve("tf")).resolve("model.ckpt");
        long[] shape = new long[200_000];
        Arrays.fill(shape, 1);
        HostileFiles.tensorFlowCheckpoint(prefix, "softmax/weights", shape, new byte[4]);

        Files.writeString(dir.resolve("tf/model.ckpt.vocab.json"), "[\"a\", \"b\"]");

        for (String[] args : new String[][] {{"sample", "--checkpoint", prefix.toString()},
                {"import", "--in", prefix.toString(), "--out", dir.resolve("imported").toString()}}) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().length() < 4000, args[0] + ": " + run.err().length() + " chars: "
                    + run.err().substring(0, 300));
            assertTrue(run.err().contains("... (200000 dimensions)]"), run.err());
        }
    }
}
