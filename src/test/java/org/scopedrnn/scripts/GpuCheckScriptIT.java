package org.scopedrnn.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/gpu-check on a node without a usable GPU (this machine has none): it says so, trains the
 * CPU part (with --tiny: a 2 x 32 model on 60,000 characters, so it takes seconds) and exits 0.
 * An IT because it runs the packaged target/scoped-rnn.jar. Nothing here ran on a real GPU.
 */
class GpuCheckScriptIT {

    private static final Pattern CPU_ROW = Pattern.compile("(?m)^cpu +\\d+ +\\d+\\.\\d+ +\\d+$");

    @TempDir
    Path dir;

    private String run(String path, String smi) throws IOException, InterruptedException {
        var pb = new ProcessBuilder("bash", "scripts/gpu-check", "--tiny", "--gpu-epochs", "1").redirectErrorStream(true);
        pb.environment().put("PATH", path);
        pb.environment().remove("NVIDIA_SMI");
        if (smi != null) {
            pb.environment().put("NVIDIA_SMI", smi);
        }
        pb.environment().put("SCOPED_RNN_CUDA_TARGET", dir.resolve("no-cuda-build").toString());
        pb.environment().put("TMPDIR", dir.toString());
        pb.environment().put("SCOPED_RNN_HEAP", "1g");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        System.out.println(out);
        return out;
    }

    @Test
    void withoutNvidiaSmiItSaysSoAndReportsTheCpuRunOnly() throws Exception {
        assertFalse(Files.exists(Path.of("/usr/bin/nvidia-smi")) || Files.exists(Path.of("/bin/nvidia-smi")),
                "this test needs a node without nvidia-smi in /usr/bin:/bin");
        String out = run("/usr/bin:/bin", null);
        assertTrue(out.contains("no NVIDIA GPU: nvidia-smi not found on PATH (no NVIDIA driver); GPU part skipped"), out);
        assertFalse(out.contains("== GPU"), out);
        assertTrue(out.contains("== CPU: anna preset, same seed"), out);
        assertTrue(CPU_ROW.matcher(out).find(), out);
        assertTrue(out.contains("no GPU run on this node: CPU figures only"), out);
        assertEquals(0, dirEntries(), "gpu-check left its work dir behind: " + out);
    }

    @Test
    void aHopperGpuIsReportedNotUsableAndAnAmpereOneNeedsTheCudaBuild() throws Exception {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/sh
                case "$*" in
                  "") echo '| NVIDIA-SMI 550.54.15    Driver Version: 550.54.15    CUDA Version: 12.4 |' ;;
                  "--query-gpu=driver_version --format=csv,noheader") echo 550.54.15 ;;
                  "--query-gpu=index,compute_cap --format=csv,noheader") printf '0, 9.0\\n1, 8.6\\n' ;;
                  "--query-gpu=index,name,compute_cap,memory.total --format=csv,noheader")
                    printf '0, NVIDIA H100 80GB HBM3, 9.0, 81559 MiB\\n1, NVIDIA RTX A6000, 8.6, 49140 MiB\\n' ;;
                  *) echo "unexpected arguments: $*" >&2; exit 9 ;;
                esac
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        String out = run("/usr/bin:/bin", smi.toString());
        assertTrue(out.contains("driver: NVIDIA 550.54.15 (supports CUDA up to 12.4; the CUDA build needs 11.6)"), out);
        assertTrue(out.contains("gpu 0: NVIDIA H100 80GB HBM3, compute capability 9.0, 81559 MiB: NOT usable by this build"),
                out);
        assertTrue(out.contains("skipping gpu 0: compute capability 9.0 has no kernels in this build"), out);
        assertTrue(out.contains("gpu 1: NVIDIA RTX A6000, compute capability 8.6, 49140 MiB: usable by this build"), out);
        assertTrue(out.contains("== GPU: skipped: no CUDA build in " + dir.resolve("no-cuda-build")
                + "; build it with 'mvn -B -Pcuda -DskipTests package'"), out);
        assertTrue(CPU_ROW.matcher(out).find(), out);
    }

    private long dirEntries() throws IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }
}
