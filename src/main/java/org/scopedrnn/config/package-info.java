/**
 * The table of settings: every configuration key declared once, and everything that reads it.
 *
 * <p>{@link org.scopedrnn.config.Settings} declares each key as a {@link org.scopedrnn.config.Setting}
 * (as Spark MLlib declares a {@code Param} with its validator): name, type, default per
 * {@link org.scopedrnn.config.ModelKind}, check, doc line, and whether a resumed run may change it.
 * That table is the source of truth for defaults; the bundled {@code conf/char-lstm.conf} and
 * {@code conf/seq2seq.conf} are presets the loader overlays on it, kept equal to it by a test.
 * Readers never spell a key: {@code Settings.BATCH_SIZE.read(config)}, messages concatenate the
 * setting (its {@code toString} is the key), {@code --set} arguments come from
 * {@link org.scopedrnn.config.Setting#assignment}.
 *
 * <p>Here too: {@link org.scopedrnn.config.ConfigLoader} (bundled preset, {@code --config FILE},
 * {@code --set}, a resumed run's inherited settings), the typed settings records validated in their
 * compact constructors ({@link org.scopedrnn.config.TrainSettings},
 * {@link org.scopedrnn.config.DataSettings}, {@link org.scopedrnn.config.ModelSettings}, and the
 * choices {@link org.scopedrnn.config.TrainingApproach} and
 * {@link org.scopedrnn.config.LearningRateScaling}), the readers filling other packages' options
 * ({@link org.scopedrnn.config.Readers}), and the table as people read it
 * ({@link org.scopedrnn.config.SettingsDoc}: the README's tables, {@code describe --settings}).
 *
 * <p>May import (of ours): {@code data}, {@code model}, {@code sample}, {@code scope}.
 * These are the lower packages whose types the settings fill; beyond them, Typesafe Config. Never
 * {@code train} or {@code cli}, which import this package. Nothing outside this package spells a key name (a test scans the
 * sources for key literals).
 */
package org.scopedrnn.config;
