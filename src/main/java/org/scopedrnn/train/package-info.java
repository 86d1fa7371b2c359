/**
 * The Spark training driver: DL4J parameter averaging, progress, validation, checkpoint cadence
 * and resume ({@link org.scopedrnn.train.ResumeCheck}: which settings a resumed run must keep, by
 * the flag of each key in {@code org.scopedrnn.config.Settings}), and
 * the run dir's safety: its lock ({@code RunDirLock}, one run per run dir) and the checks that
 * everything is valid and writable before anything is deleted or trained.
 *
 * <p>One loop trains every model: {@link org.scopedrnn.train.ModelTrainer} takes the run dir
 * (laid out by {@link org.scopedrnn.train.RunDir}, the only place that names its files), decides
 * where the run starts and refuses a resume it cannot continue, then runs {@code RoundLoop}:
 * epochs of averaging rounds, the wall-clock stop, validation, checkpoints ({@code Checkpointing})
 * and the listeners that print progress and write the report. A model plugs in as a
 * {@code TrainingPart} (what a minibatch is, how a round is fitted, validated, sampled and
 * checkpointed), whose {@code RoundSource} says where each round's minibatches come from.
 * {@link org.scopedrnn.train.CharLstmTrainer} and {@link org.scopedrnn.train.Seq2SeqTrainer} hold
 * only what is their model's own.
 *
 * <p>Reach for {@link org.scopedrnn.train.CharLstmTrainer} with a
 * {@link org.scopedrnn.train.CharLstmJob} (or {@link org.scopedrnn.train.Seq2SeqTrainer} with a
 * {@link org.scopedrnn.train.Seq2SeqJob}) and a Spark context from
 * {@link org.scopedrnn.train.SparkContexts#obtain}.
 * The settings records a job holds ({@code TrainSettings}, {@code DataSettings},
 * {@code ModelSettings}) live in {@code config}, which this package imports (never the reverse).
 *
 * <p>May import (of ours): {@code checkpoint}, {@code config}, {@code data}, {@code eval}, {@code fs},
 * {@code interop}, {@code model}, {@code report}, {@code sample}, {@code scope}.
 */
package org.scopedrnn.train;
