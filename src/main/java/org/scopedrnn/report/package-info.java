/**
 * The training report every run leaves in its run dir: {@code metrics.csv} (one row per averaging
 * round and per validation), {@code report.html} and the PNG plots it shows (XChart, rendered
 * headless), plus the samples or translations taken after each epoch; and the same figures and
 * texts as TensorBoard event files in {@code tensorboard/}. Written through the Hadoop FileSystem
 * API, so a run dir may be on HDFS. Event files are framed with {@code org.scopedrnn.wire}.
 *
 * <p>Reach for {@link org.scopedrnn.report.RunReport}.
 *
 * <p>May import (of ours): {@code fs}, {@code wire}.
 */
package org.scopedrnn.report;
