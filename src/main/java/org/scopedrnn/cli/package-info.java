/**
 * The {@code scoped-rnn} command line (picocli). Settings are read through
 * {@code org.scopedrnn.config} (the table of settings, {@code --config FILE}, {@code --set key=value});
 * this package only assembles the {@code train} jobs from them. Nothing else imports this package.
 * Start at {@link org.scopedrnn.cli.Main}.
 */
package org.scopedrnn.cli;
