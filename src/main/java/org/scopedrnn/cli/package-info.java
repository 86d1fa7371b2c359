/**
 * The {@code scoped-rnn} command line (picocli) and config loading (HOCON defaults in
 * {@code conf/}, {@code --config FILE}, {@code --set key=value}). Nothing else imports this package.
 * Start at {@link org.scopedrnn.cli.Main}.
 *
 * <p>May import (of ours): {@code bench}, {@code checkpoint}, {@code data}, {@code eval},
 * {@code interop}, {@code model}, {@code sample}, {@code scope}, {@code train}.
 */
package org.scopedrnn.cli;
