/**
 * Helpers for {@code org.scopedrnn.checkpoint}; not an API for other packages: Hadoop file system
 * operations, and the files checkpoints are written to and read from ({@link
 * org.scopedrnn.fs.NewFile}, {@link org.scopedrnn.fs.FileInput}:
 * java.nio channels for plain local paths, Hadoop's streams elsewhere). They quote file content in
 * messages through {@link org.scopedrnn.checkpoint.Bounded}, and use nothing else of it.
 */
package org.scopedrnn.checkpoint.internal;
