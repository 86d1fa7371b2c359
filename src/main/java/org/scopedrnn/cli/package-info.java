/**
 * The {@code scoped-rnn} command line (picocli). Settings are read through
 * {@code org.scopedrnn.config} (the table of settings, {@code --config FILE}, {@code --set key=value});
 * this package only assembles the {@code train} jobs from them. Nothing else imports this package.
 * Start at {@link org.scopedrnn.cli.Main}.
 *
 * <p>May import (of ours): {@code bench}, {@code checkpoint}, {@code config}, {@code data},
 * {@code eval}, {@code interop}, {@code model}, {@code sample}, {@code scope}, {@code train}.
 */
package org.scopedrnn.cli;
