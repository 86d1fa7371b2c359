package org.scopedrnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ml5.js char-RNN fixtures in {@code src/test/fixtures/ml5-charrnn} (read-only; see that
 * directory's README). When they are absent (a partial checkout) a test is skipped on a developer
 * machine, but fails with {@code CI=true}, so CI can never pass by skipping the proof.
 */
public final class Ml5Fixtures {

    public static final Path ROOT = Fixtures.ROOT.resolve("ml5-charrnn");
    /** TF < 1.2 names ({@code .../weights}, {@code .../biases}), vocabulary of 100. */
    public static final String DARWIN = "darwin";
    /** TF >= 1.2 names ({@code .../kernel}, {@code .../bias}), vocabulary of 80. */
    public static final String ZORA = "zora_neale_hurston";

    private Ml5Fixtures() {
    }

    /** The fixture directory {@code name}, absolute; skips or fails (CI) the test when absent. */
    public static Path dir(String name) {
        Path dir = ROOT.resolve(name).toAbsolutePath().normalize();
        PythonPeer.assumeOrFailOnCi(Files.isRegularFile(dir.resolve("manifest.json")),
                "ml5 fixture " + dir + " is missing (expected in " + Fixtures.ROOT + ")");
        return dir;
    }

    /** The same directory as a Hadoop path. */
    public static org.apache.hadoop.fs.Path hadoopDir(String name) {
        return new org.apache.hadoop.fs.Path(dir(name).toString());
    }

    /**
     * {@code text.txt} as the reference figures in the fixtures README were computed: decoded as
     * UTF-8 and read in Python's text mode, whose universal newlines turn every {@code \r\n} (and
     * lone {@code \r}) into {@code \n}. The files are CRLF and the models know {@code \r}, but the
     * reference losses (2.0841, 1.9013) are reproduced only with the newlines translated; with
     * {@code \r\n} kept, see {@link #rawText}.
     */
    public static String referenceText(String name) {
        return rawText(name).replace("\r\n", "\n").replace('\r', '\n');
    }

    /** {@code text.txt} exactly as stored (UTF-8, CRLF line ends). */
    public static String rawText(String name) {
        try {
            return Files.readString(dir(name).resolve("text.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
