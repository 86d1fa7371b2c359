package org.scopedrnn;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only checkpoints written by TensorFlow and ml5.js in the shared project folder. */
public final class Fixtures {

    public static final Path ROOT = Path.of("..", "shared", "fixtures");

    private Fixtures() {
    }

    /** A fixture path; skips the test when the shared folder is absent, fails on CI. */
    public static Path get(String relative) {
        Path p = ROOT.resolve(relative);
        PythonPeer.assumeOrFailOnCi(Files.exists(p), "fixture " + p.toAbsolutePath() + " not found");
        return p;
    }
}
