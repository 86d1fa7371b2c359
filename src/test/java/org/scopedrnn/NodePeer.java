package org.scopedrnn;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node.js with {@code @tensorflow/tfjs} installed in {@code src/test/js} ({@code npm ci} there;
 * {@code .ci/run} does it), for tests that load our ml5 exports the way ml5.js does. Missing:
 * skipped, except on CI where it fails (see {@link PythonPeer#assumeOrFailOnCi}).
 */
public final class NodePeer {

    static final Path DIR = Path.of("src/test/js");
    private static final long TIMEOUT_SECONDS = 600;

    private NodePeer() {
    }

    /** Runs {@code src/test/js/<script>} with {@code args} and returns its stdout. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        PythonPeer.assumeOrFailOnCi(Files.isDirectory(DIR.resolve("node_modules/@tensorflow/tfjs")),
                "no @tensorflow/tfjs in " + DIR.toAbsolutePath() + "/node_modules: run 'npm ci' there");
        var cmd = new ArrayList<String>(List.of("node", DIR.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("node-peer", ".out");
        Path err = Files.createTempFile("node-peer", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                PythonPeer.assumeOrFailOnCi(false, "node could not be started: " + e.getMessage());
                throw e;
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("node " + script + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                fail("node " + String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
