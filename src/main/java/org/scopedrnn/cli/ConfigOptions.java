package org.scopedrnn.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE} and repeated {@code --set key=value}, shared by commands that read a job config. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file overriding the defaults, e.g. conf/anna.conf")
    File config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one config key (repeatable)")
    List<String> sets = new ArrayList<>();
}
