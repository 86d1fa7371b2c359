package org.scopedrnn.train;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a run dir's lock: the host, the process id and that process's start time (so a pid
 * reused by a later process is not mistaken for the holder), and a random token that tells this
 * holder's lock file from a successor's.
 */
record LockHolder(String host, long pid, Instant processStarted, Instant acquired, String token) {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** ProcessHandle and the JVM report a process's start with different rounding. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    /** This process, acquiring now. */
    static LockHolder current() {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant()
                .orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        return new LockHolder(localHost(), self.pid(), started, Instant.now(),
                Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE));
    }

    static String localHost() {
        return LocalHost.NAME;
    }

    /** Looked up once: a slow resolver would otherwise cost seconds at every check. */
    private static final class LocalHost {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | SecurityException e) {
                return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
            }
        }
    }

    /** The lock file's text: one {@code key=value} per line, for people as much as for programs. */
    String format() {
        return "host=" + host + "\npid=" + pid + "\nprocess-started=" + processStarted + "\nacquired=" + acquired
                + "\ntoken=" + token + "\n";
    }

    /** The holder a lock file names, or empty if it is not one this class wrote (or is still being written). */
    static Optional<LockHolder> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        try {
            String token = fields.get("token");
            if (fields.get("host") == null || token == null || token.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new LockHolder(fields.get("host"), Long.parseLong(fields.get("pid")),
                    Instant.parse(fields.get("process-started")), Instant.parse(fields.get("acquired")), token));
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    boolean onThisHost() {
        return host.equals(localHost());
    }

    /**
     * Whether the holder's process still runs; only meaningful {@link #onThisHost()}. A live
     * process with this pid that started at another time took the pid over from a dead holder.
     */
    boolean processAlive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isEmpty()
                || Duration.between(started.get(), processStarted).abs().compareTo(START_TOLERANCE) <= 0;
    }

    /** For messages: {@code process 1234 on host-a (started ..., lock taken ...)}. */
    String describe() {
        return "process " + pid + " on " + host + " (started " + processStarted + ", lock taken " + acquired + ")";
    }
}
