package org.scopedrnn.cli;

import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train a model on Spark with parameter averaging.",
        subcommands = {TrainCharLstmCommand.class, TrainSeq2SeqCommand.class})
final class TrainCommand {
}
