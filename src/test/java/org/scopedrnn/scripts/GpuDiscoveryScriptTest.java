package org.scopedrnn.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.gpu.CudaCapabilities;

/** scripts/gpu-discovery.sh, with a stand-in nvidia-smi printing what the real one prints (index, compute_cap). */
class GpuDiscoveryScriptTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run run(String smiBody) throws IOException, InterruptedException {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n" + smiBody + "\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        var pb = new ProcessBuilder("bash", "scripts/gpu-discovery.sh");
        pb.environment().put("NVIDIA_SMI", smi.toString());
        Path err = dir.resolve("err");
        Process p = pb.redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, Files.readString(err));
    }

    @Test
    void printsOneAddressPerGpuInSparksResourceJson() throws Exception {
        Run r = run("[ \"$1\" = --query-gpu=index,compute_cap ] && [ \"$2\" = --format=csv,noheader ]"
                + " && printf '0, 8.0\\n1, 8.6\\n2, 8.9\\n3, 7.5\\n'");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\",\"2\",\"3\"]}\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void aHopperGpuIsSkippedWithAMessageAndTheOthersOffered() throws Exception {
        Run r = run("printf '0, 9.0\\n1, 8.6\\n2, 12.0\\n'");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"1\"]}\n", r.out());
        assertTrue(r.err().contains("skipping gpu 0: compute capability 9.0 has no kernels in this build"
                + " (nd4j-cuda-11.6 1.0.0-M2.1 has kernels for 3.7 5.0 5.2 6.0 6.1 7.0 7.5 8.0 8.6 and no PTX"), r.err());
        assertTrue(r.err().contains("skipping gpu 2: compute capability 12.0 has no kernels"), r.err());
        assertEquals(2, r.err().lines().count(), r.err());
    }

    /** The script, the executors' check and the README read the one list, and decide alike. */
    @Test
    void scriptAndExecutorCheckAgreeOnEveryCapabilityAndTheReadmeNamesTheList() throws Exception {
        CudaCapabilities build = CudaCapabilities.ofThisBuild();
        assertEquals(String.join(" ", build.kernels()), Files.readAllLines(Path.of("conf/cuda-capabilities.txt")).stream()
                .filter(l -> !l.startsWith("#")).findFirst().orElseThrow());
        StringBuilder smi = new StringBuilder("printf '");
        List<String> capabilities = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int major = 2; major <= 12; major++) {
            for (int minor = 0; minor <= 9; minor++) {
                String cc = major + "." + minor;
                smi.append(capabilities.size()).append(", ").append(cc).append("\\n");
                if (build.runs(cc)) {
                    expected.add("\"" + capabilities.size() + "\"");
                }
                capabilities.add(cc);
            }
        }
        Run r = run(smi + "'");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"name\":\"gpu\",\"addresses\":[" + String.join(",", expected) + "]}\n", r.out());
        assertEquals(capabilities.size() - expected.size(), r.err().lines().count(), r.err());
        assertTrue(Files.readString(Path.of("README.md")).contains("kernels for " + String.join(" ", build.kernels())),
                "README.md must name the list of conf/cuda-capabilities.txt");
    }

    @Test
    void noGpuGivesAnEmptyAddressList() throws Exception {
        Run r = run("true");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"name\":\"gpu\",\"addresses\":[]}\n", r.out());
    }

    @Test
    void failingNvidiaSmiIsAnErrorNamingTheCommand() throws Exception {
        Run r = run("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver' >&2; exit 9");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--query-gpu=index,compute_cap --format=csv,noheader' failed"), r.err());
    }

    @Test
    void unexpectedOutputIsAnErrorQuotingIt() throws Exception {
        Run r = run("echo 'No devices were found'");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("printed 'No devices were found' where 'index, compute capability' was expected"),
                r.err());
    }
}
