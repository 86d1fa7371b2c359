/**
 * The speed benchmark behind {@code scripts/bench}: each measurement runs in its own process
 * ({@code scoped-rnn bench measure ...}) through the product's own code — the model built as
 * {@code train} builds it ({@link org.scopedrnn.model.CharLstmModel},
 * {@link org.scopedrnn.model.Seq2SeqModel}), the Spark trainers
 * ({@link org.scopedrnn.train.CharLstmTrainer}, {@link org.scopedrnn.train.Seq2SeqTrainer}), the
 * sampler ({@link org.scopedrnn.sample.CharSampler}) and the checkpoint formats — so whatever makes
 * those faster shows up here. Each process prints one {@link org.scopedrnn.bench.BenchResult} JSON
 * line; {@link org.scopedrnn.bench.BenchReport} turns the lines of a run into the table and the flat
 * JSON. Time to quality ({@code scripts/bench --quality}): {@link org.scopedrnn.bench.QualityBench}
 * (validation loss against training time, with the trainer's own validation) and
 * {@link org.scopedrnn.bench.QualityChart} (the curves as one PNG, drawn with XChart).
 *
 * <p>May import (of ours): {@code checkpoint}, {@code config}, {@code data}, {@code interop}, {@code model},
 * {@code report}, {@code sample}, {@code train}.
 */
package org.scopedrnn.bench;
