/**
 * The executor side of {@link org.scopedrnn.data.ExecutorCorpus}: how a byte range of a file is
 * decoded so that split boundaries neither lose nor duplicate a character
 * ({@link org.scopedrnn.data.internal.Utf8SegmentReader}), how files are cut into segments and
 * packed into partitions, where each segment's characters, windows and validation text lie in its
 * file ({@link org.scopedrnn.data.internal.CorpusLayout}), the cached ids an executor keeps, and the
 * per-epoch window permutation; for pairs files, the lines a segment owns
 * ({@link org.scopedrnn.data.internal.SegmentLines}), the first pass's counts, the per-file split
 * ({@link org.scopedrnn.data.internal.HeldOutPairs}) and the cached pair ids. Only
 * {@code org.scopedrnn.data} imports this package.
 *
 * <p>May import (of ours): {@code data}.
 * Beyond it: the JDK, Hadoop's FileSystem API and ND4J's DataSet.
 */
package org.scopedrnn.data.internal;
