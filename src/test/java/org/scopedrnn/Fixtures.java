package org.scopedrnn;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only checkpoints written by TensorFlow and ml5.js, copied byte for byte into
 * {@code src/test/fixtures} (see its README) so a clean clone tests against them with nothing beside it.
 */
public final class Fixtures {

    public static final Path ROOT = Path.of("src", "test", "fixtures");

    private Fixtures() {
    }

    /** A fixture path; skips the test when it is absent (a partial checkout), fails on CI. */
    public static Path get(String relative) {
        Path p = ROOT.resolve(relative);
        PythonPeer.assumeOrFailOnCi(Files.exists(p), "fixture " + p.toAbsolutePath() + " not found");
        return p;
    }
}
