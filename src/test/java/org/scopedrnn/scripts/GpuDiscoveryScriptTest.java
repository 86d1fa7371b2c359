package org.scopedrnn.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/gpu-discovery.sh, with a stand-in nvidia-smi printing what the real one prints. */
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
        Run r = run("[ \"$1\" = --query-gpu=index ] && [ \"$2\" = --format=csv,noheader ] && printf '0\\n1\\n2\\n3\\n'");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\",\"2\",\"3\"]}\n", r.out());
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
        assertTrue(r.err().contains("--query-gpu=index --format=csv,noheader' failed"), r.err());
    }

    @Test
    void unexpectedOutputIsAnErrorQuotingIt() throws Exception {
        Run r = run("echo 'No devices were found'");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("printed 'No devices were found' where a GPU index was expected"), r.err());
    }
}
