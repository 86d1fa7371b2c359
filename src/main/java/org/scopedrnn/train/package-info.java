/**
 * The Spark training driver: DL4J parameter averaging, progress, validation, checkpoint cadence
 * and resume ({@link org.scopedrnn.train.ResumeCheck}: which settings a resumed run must keep, by
 * the flag of each key in {@code org.scopedrnn.config.Settings}), and
 * the run dir's safety: its lock ({@code RunDirLock}, one run per run dir) and the checks that
 * everything is valid and writable before anything is deleted or trained.
 *
 * <p>Reach for {@link org.scopedrnn.train.CharLstmTrainer} with a
 * {@link org.scopedrnn.train.CharLstmJob} and a Spark context from
 * {@link org.scopedrnn.train.SparkContexts#obtain}. The settings records a job holds
 * ({@code TrainSettings}, {@code DataSettings}, {@code ModelSettings}) live in {@code config}, which
 * this package imports (never the reverse).
 *
 * <p>May import (of ours): {@code checkpoint}, {@code config}, {@code data}, {@code eval}, {@code fs},
 * {@code interop}, {@code model}, {@code report}, {@code sample}, {@code scope}.
 */
package org.scopedrnn.train;
