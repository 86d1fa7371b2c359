package org.scopedrnn.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Asks the node's {@code nvidia-smi} for each GPU's index and compute capability. */
public final class NvidiaSmi {

    /** Spark property naming the nvidia-smi executable (tests point it at a stand-in). */
    public static final String CONF = "spark.scopedrnn.nvidia-smi";
    /** Environment variable naming it when the Spark property is unset (as scripts/gpu-discovery.sh reads). */
    public static final String ENV = "NVIDIA_SMI";

    private static final long TIMEOUT_SECONDS = 60;

    private NvidiaSmi() {
    }

    /** The executable to run: {@code configured} if set, else {@value #ENV}, else nvidia-smi on PATH. */
    public static String executable(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? "nvidia-smi" : env;
    }

    /** GPU index (nvidia-smi's, PCI bus order) to compute capability, e.g. {"0": "8.6"}. */
    public static Map<String, String> computeCapabilities(String smi) {
        String command = smi + " --query-gpu=index,compute_cap --format=csv,noheader";
        String out;
        try {
            Process p = new ProcessBuilder(smi, "--query-gpu=index,compute_cap", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new GpuCheckException("'" + command + "' did not answer within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new GpuCheckException("'" + command + "' failed (exit " + p.exitValue() + "): " + firstLine(out));
            }
        } catch (IOException e) {
            throw new GpuCheckException("cannot run '" + command + "' (" + e.getMessage()
                    + "): install the NVIDIA driver, or name nvidia-smi with " + CONF + " or " + ENV);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GpuCheckException("interrupted while running '" + command + "'");
        }
        return parse(out, command);
    }

    static Map<String, String> parse(String out, String command) {
        Map<String, String> caps = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            if (fields.length != 2 || !fields[0].trim().matches("\\d+")) {
                throw new GpuCheckException("'" + command + "' printed '" + cut(line)
                        + "' where 'index, compute capability' was expected (older drivers do not know compute_cap: update the driver)");
            }
            caps.put(fields[0].trim(), fields[1].trim());
        }
        return caps;
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("(no output)");
        return cut(line);
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
