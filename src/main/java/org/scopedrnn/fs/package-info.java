/**
 * Files on any Hadoop FileSystem, as the checkpoint formats, the report and the run dir need them:
 * {@link org.scopedrnn.fs.HadoopFs} (status, rename, recursive delete, sync where the file system can),
 * {@link org.scopedrnn.fs.NewFile} and {@link org.scopedrnn.fs.FileInput} (java.nio channels for plain
 * local paths, Hadoop's streams elsewhere), and {@link org.scopedrnn.fs.Heap} (whether a large read fits
 * the heap, said before it is tried). The rest is package-private.
 *
 * <p>Uses the JDK and Hadoop's FileSystem API. May import (of ours): nothing.
 */
package org.scopedrnn.fs;
