package org.scopedrnn.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CudaCapabilitiesTest {

    private final CudaCapabilities build = CudaCapabilities.ofThisBuild();

    @Test
    void thisBuildHasTheKernelsReadFromNd4jCudaFatbin() {
        assertEquals(List.of("3.7", "5.0", "5.2", "6.0", "6.1", "7.0", "7.5", "8.0", "8.6"), build.kernels());
    }

    @Test
    void kernelsOfTheSameMajorAndALowerOrEqualMinorRun() {
        for (String cc : List.of("3.7", "5.0", "5.3", "6.2", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9")) {
            assertTrue(build.runs(cc), cc);
        }
    }

    @Test
    void hopperBlackwellAndOldKeplerHaveNothingToRun() {
        for (String cc : List.of("9.0", "10.0", "10.1", "12.0", "3.5", "3.0", "2.1", "[N/A]", "")) {
            assertFalse(build.runs(cc), cc);
        }
    }

    @Test
    void supportedRangeNamesEachMajorVersionAndTheKernels() {
        assertEquals("compute capability 3.7-3.x, 5.x, 6.x, 7.x or 8.x (kernels for 3.7 5.0 5.2 6.0 6.1 7.0 7.5 8.0 8.6,"
                + " no PTX)", build.supportedRange());
    }

    @Test
    void aMalformedListIsABuildErrorQuotingTheToken() {
        var e = assertThrows(IllegalStateException.class, () -> CudaCapabilities.parse("# c\n8.6 sm_90\n"));
        assertTrue(e.getMessage().contains("'sm_90' is not a compute capability"), e.getMessage());
    }
}
