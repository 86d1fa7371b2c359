package org.scopedrnn.cli;

import java.io.File;

/**
 * Relative paths are looked up in the working directory first, then in the installation
 * directory ({@code -Dscopedrnn.home}, set by {@code scripts/scoped-rnn}), so the bundled
 * {@code data/anna.txt} default works from any directory.
 */
final class BundledFiles {

    private BundledFiles() {
    }

    static String resolve(String path) {
        if (path.contains("://") || path.startsWith("file:") || new File(path).isAbsolute() || new File(path).exists()) {
            return path;
        }
        String home = System.getProperty("scopedrnn.home");
        if (home != null && new File(home, path).exists()) {
            return new File(home, path).getPath();
        }
        return path;
    }
}
