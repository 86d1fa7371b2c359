package org.scopedrnn.cli;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scopedrnn.config.Settings;
import org.scopedrnn.train.WallClock;
import picocli.CommandLine.Option;

/** The options every {@code train} command shares; each one is shorthand for a config key. */
final class RunOptions {

    @Option(names = "--input", paramLabel = "PATH", description = "training data (sets " + Settings.DATA_INPUT_KEY + ")")
    String input;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "where checkpoints go (default runs/<model>-<time>)")
    String runDir;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (sets " + Settings.SPARK_MASTER_KEY
            + "; default local[*])")
    String master;

    @Option(names = "--epochs", paramLabel = "N", description = "sets " + Settings.EPOCHS_KEY)
    Integer epochs;

    @Option(names = "--resume", description = "continue from the run dir's latest checkpoint")
    boolean resume;

    @Option(names = "--overwrite", description = "delete the run dir's checkpoints and start afresh")
    boolean overwrite;

    @Option(names = "--break-lock", description = "take the run dir's lock over even if its holder may still be "
            + "running (a lock of a process that has ended is taken over without it)")
    boolean breakLock;

    @Option(names = "--max-wall-time", paramLabel = "DURATION",
            description = "checkpoint and stop (exit code 3) before this much time has passed since start, "
                    + "e.g. 90s, 30m, 2h, 1h30m; continue with --resume")
    String maxWallTime;

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    /** Checks the options against each other before Spark starts. */
    void validate() {
        if (resume && overwrite) {
            throw new IllegalArgumentException("--resume and --overwrite contradict each other: --resume continues the"
                    + " run, --overwrite deletes its checkpoints and starts afresh; pass one of them");
        }
        wallClock();
    }

    /** The {@code --max-wall-time} limit, counted from the start of this JVM (as a scheduler counts). */
    WallClock wallClock() {
        if (maxWallTime == null) {
            return WallClock.unlimited();
        }
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return WallClock.until(started.plus(parseDuration(maxWallTime)));
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (text.isBlank() || !m.matches()) {
            throw new IllegalArgumentException("--max-wall-time must be a duration like 90s, 30m, 2h or 1h30m, got '"
                    + text + "'");
        }
        Duration d = Duration.ZERO;
        String[] units = {"d", "h", "m", "s"};
        for (int g = 1; g <= 4; g++) {
            if (m.group(g) != null) {
                long n = Long.parseLong(m.group(g));
                d = d.plus(switch (units[g - 1]) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            }
        }
        if (d.isZero()) {
            throw new IllegalArgumentException("--max-wall-time must be positive, got '" + text + "'");
        }
        return d;
    }

    /** Appends the {@code --set} equivalents of the options given. */
    void addSets(List<String> sets) {
        if (input != null) {
            sets.add(Settings.INPUT_PATH.assignment(input));
        }
        if (master != null) {
            sets.add(Settings.MASTER.assignment(master));
        }
        if (epochs != null) {
            sets.add(Settings.EPOCHS.assignment(epochs));
        }
    }

    /** Reports a stop at {@code --max-wall-time} on stderr and returns its exit code. */
    int stoppedAtWallTime(long step, org.apache.hadoop.fs.Path checkpoint) {
        System.err.println("stopped at --max-wall-time " + maxWallTime + " after step " + step + ": checkpoint "
                + checkpoint + " is complete; continue with --resume (exit code " + Main.STOPPED_AT_WALL_TIME + ")");
        return Main.STOPPED_AT_WALL_TIME;
    }

    String runDir(String model) {
        return runDir != null ? runDir
                : "runs/" + model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
