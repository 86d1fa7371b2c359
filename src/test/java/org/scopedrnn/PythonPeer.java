package org.scopedrnn;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Python interpreter with TensorFlow, for tests that check interoperability against the real
 * thing: {@code $SCOPED_RNN_PYTHON} if set, else {@code .venv/bin/python} in the project
 * directory. Without one, tests that need it are skipped, except on CI (env {@code CI} set),
 * where they fail: there a missing peer means the build is misconfigured, not that the
 * interop is fine.
 *
 * <p>Scripts are test resources (e.g. {@code /interop/tf_read_checkpoint.py}); they run with
 * TensorFlow's logging quieted and one thread each, under a timeout, and report on stdout.
 */
public final class PythonPeer {

    /** Env var naming the interpreter to use. */
    public static final String ENV = "SCOPED_RNN_PYTHON";

    private static final long PROBE_TIMEOUT_SECONDS = 180;
    private static final long RUN_TIMEOUT_SECONDS = 600;
    private static final int STDERR_TAIL = 4000;

    /** The interpreter found, or null with {@link #problem} saying why not. */
    private static Path found;
    private static String problem;
    private static boolean probed;

    private PythonPeer() {}

    /** True when running on CI (env {@code CI} set to anything but empty/false/0). */
    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    /**
     * Continues only if {@code available}: otherwise skips the test, or on CI fails it, with
     * {@code message}.
     */
    public static void assumeOrFailOnCi(boolean available, String message) {
        if (available) {
            return;
        }
        if (onCi()) {
            fail(message + " (CI is set, so this is a failure, not a skip)");
        }
        Assumptions.abort(message + " (skipped; set CI=true to make this a failure)");
    }

    /**
     * The interpreter, checked once per JVM to import tensorflow. Skips the calling test when
     * there is none (fails it on CI).
     */
    public static synchronized Path python() {
        if (!probed) {
            probed = true;
            probe();
        }
        assumeOrFailOnCi(found != null, "no Python with TensorFlow: " + problem);
        return found;
    }

    private static void probe() {
        String env = System.getenv(ENV);
        Path candidate = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.dir"), ".venv", "bin", "python");
        String origin = env != null && !env.isBlank() ? "$" + ENV + " = " + env
                : candidate + " (set $" + ENV + " to use another interpreter)";
        if (!Files.isExecutable(candidate)) {
            problem = origin + " is not an executable file";
            return;
        }
        try {
            Result r = exec(candidate, PROBE_TIMEOUT_SECONDS,
                    List.of("-c", "import tensorflow as tf; print(tf.__version__)"));
            if (r.timedOut() || r.exitCode() != 0) {
                problem = r.describeFailure(origin + ": import tensorflow", PROBE_TIMEOUT_SECONDS);
                return;
            }
            found = candidate;
        } catch (IOException e) {
            problem = origin + " could not be run: " + e;
        }
    }

    /**
     * Continues only if the interpreter (see {@link #python}) imports {@code module}, such as
     * {@code tensorboard}: otherwise skips the calling test, or on CI fails it.
     */
    public static synchronized void requireModule(String module) throws IOException {
        Path python = python();
        Result r = exec(python, PROBE_TIMEOUT_SECONDS, List.of("-c", "import " + module));
        assumeOrFailOnCi(!r.timedOut() && r.exitCode() == 0,
                r.describeFailure(python + ": import " + module, PROBE_TIMEOUT_SECONDS));
    }

    /**
     * Runs the test-resource script {@code script} (e.g. {@code /interop/tf_read_checkpoint.py})
     * with {@code args}; returns its stdout. Fails the test if it exits non-zero or times out,
     * showing the end of its stderr. Skips the test if there is no interpreter (fails on CI).
     */
    public static String run(String script, String... args) throws IOException {
        Path python = python();
        URL url = PythonPeer.class.getResource(script);
        if (url == null) {
            fail("test resource " + script + " not found on the test classpath");
        }
        Path scriptPath;
        try {
            scriptPath = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("bad resource URL " + url, e);
        }
        List<String> arguments = new ArrayList<>();
        arguments.add(scriptPath.toString());
        arguments.addAll(List.of(args));
        Result r = exec(python, RUN_TIMEOUT_SECONDS, arguments);
        if (r.timedOut() || r.exitCode() != 0) {
            fail(r.describeFailure(python + " " + script + " " + String.join(" ", args),
                    RUN_TIMEOUT_SECONDS));
        }
        return r.stdout();
    }

    /** The last non-blank line of {@code output}: where the scripts print their JSON. */
    public static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private record Result(int exitCode, boolean timedOut, String stdout, String stderr) {

        String describeFailure(String what, long timeoutSeconds) {
            return what + (timedOut ? " did not finish within " + timeoutSeconds + " s"
                    : " exited with " + exitCode) + "; stderr:\n" + tail(stderr);
        }
    }

    private static Result exec(Path python, long timeoutSeconds, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(python.toString());
        command.addAll(args);
        Path out = Files.createTempFile("python-peer", ".out");
        Path err = Files.createTempFile("python-peer", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> env = pb.environment();
            env.put("TF_CPP_MIN_LOG_LEVEL", "2");
            env.put("CUDA_VISIBLE_DEVICES", "-1");
            env.put("TF_NUM_INTRAOP_THREADS", "1");
            env.put("TF_NUM_INTEROP_THREADS", "1");
            env.put("OMP_NUM_THREADS", "1");
            env.put("PYTHONIOENCODING", "utf-8");
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command, e);
            }
            if (!done) {
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Result(done ? p.exitValue() : -1, !done,
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() <= STDERR_TAIL ? t : "..." + t.substring(t.length() - STDERR_TAIL);
    }
}
