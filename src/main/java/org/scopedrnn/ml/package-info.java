/**
 * The Spark ML API: {@link org.scopedrnn.ml.CharLstmEstimator} trains a char-LSTM on a DataFrame's
 * string column with the command line's trainer and returns a
 * {@link org.scopedrnn.ml.CharLstmTransformer}, which adds a per-row {@code nats_per_char} column
 * (and generated text after a prime column), computed on the executors. Both are
 * {@code MLWritable}/{@code MLReadable}, so they work in a {@code Pipeline} and
 * {@code PipelineModel.load}; a saved model holds a native checkpoint the command line reads.
 *
 * <p>Their setting params are generated from {@code config.Settings} ({@code SettingParams}): the
 * table stays the one source of names, docs, defaults and checks. The rows reach the trainer as
 * {@code data}'s second source of segments ({@code CorpusScan#documents}): read and kept by the
 * executors holding the DataFrame's partitions, never collected on the driver.
 *
 * <p>May import (of ours): {@code checkpoint}, {@code config}, {@code data}, {@code eval},
 * {@code model}, {@code sample}, {@code train}.
 */
package org.scopedrnn.ml;
