/**
 * The speed benchmark behind {@code scripts/bench}: each measurement runs in its own process
 * ({@code scoped-rnn bench measure ...}) through the product's own code — the model built as
 * {@code train} builds it ({@link org.scopedrnn.model.CharLstmModel}), the Spark trainer
 * ({@link org.scopedrnn.train.CharLstmTrainer}), the sampler
 * ({@link org.scopedrnn.sample.CharSampler}) and the checkpoint formats — so whatever makes those
 * faster shows up here. Each process prints one {@link org.scopedrnn.bench.BenchResult} JSON line;
 * {@link org.scopedrnn.bench.BenchReport} turns the lines of a run into the table and the flat JSON.
 */
package org.scopedrnn.bench;
