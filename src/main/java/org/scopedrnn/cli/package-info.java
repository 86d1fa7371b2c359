/**
 * The {@code scoped-rnn} command line (picocli) and config loading (HOCON defaults in
 * {@code conf/}, {@code --config FILE}, {@code --set key=value}). Nothing else imports this package.
 * Start at {@link org.scopedrnn.cli.Main}.
 */
package org.scopedrnn.cli;
