/**
 * The Spark training driver: DL4J parameter averaging, progress, validation, checkpoint cadence
 * and resume ({@link org.scopedrnn.train.ResumeCheck}: which settings a resumed run must keep), and
 * the run dir's safety: its lock ({@code RunDirLock}, one run per run dir) and the checks that
 * everything is valid and writable before anything is deleted or trained.
 *
 * <p>Reach for {@link org.scopedrnn.train.CharLstmTrainer} with a
 * {@link org.scopedrnn.train.CharLstmJob} and a Spark context from
 * {@link org.scopedrnn.train.SparkContexts#obtain}.
 *
 * <p>May import (of ours): {@code checkpoint}, {@code data}, {@code eval}, {@code fs},
 * {@code interop}, {@code model}, {@code report}, {@code sample}, {@code scope}.
 */
package org.scopedrnn.train;
