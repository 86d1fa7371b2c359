package org.scopedrnn.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compute capabilities the CUDA build has kernels for ({@value #RESOURCE}, shared with the
 * scripts). Without PTX a GPU runs only kernels of its own major version built for a minor
 * version no higher than its own: 8.9 runs 8.6 code, 9.0 runs nothing here.
 */
public final class CudaCapabilities {

    /** Class path resource (and file in the source tree) holding the list. */
    public static final String RESOURCE = "conf/cuda-capabilities.txt";

    private static final Pattern CAPABILITY = Pattern.compile("(\\d+)\\.(\\d+)");

    private final List<String> kernels;

    private CudaCapabilities(List<String> kernels) {
        this.kernels = List.copyOf(kernels);
    }

    /** The list this build carries. */
    public static CudaCapabilities ofThisBuild() {
        try (InputStream in = CudaCapabilities.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: a broken build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the file's text: {@code #} comments, then capabilities separated by white space. */
    static CudaCapabilities parse(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String content = line.replaceFirst("#.*", "").trim();
            for (String token : content.isEmpty() ? new String[0] : content.split("\\s+")) {
                if (!CAPABILITY.matcher(token).matches()) {
                    throw new IllegalStateException(RESOURCE + ": '" + token + "' is not a compute capability like 8.6");
                }
                out.add(token);
            }
        }
        return new CudaCapabilities(out);
    }

    /** The capabilities with compiled kernels, in the file's order. */
    public List<String> kernels() {
        return kernels;
    }

    /** Whether a GPU of compute capability {@code capability} (e.g. "8.9") can run this build. */
    public boolean runs(String capability) {
        Matcher gpu = CAPABILITY.matcher(capability.trim());
        if (!gpu.matches()) {
            return false;
        }
        for (String kernel : kernels) {
            Matcher k = CAPABILITY.matcher(kernel);
            k.matches();
            if (k.group(1).equals(gpu.group(1))
                    && Integer.parseInt(k.group(2)) <= Integer.parseInt(gpu.group(2))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The GPUs that run it, e.g. "compute capability 3.7-3.x, 5.x, 6.x, 7.x or 8.x (kernels for
     * 3.7 5.0 ... 8.6, no PTX)".
     */
    public String supportedRange() {
        Map<String, Integer> lowestMinor = new LinkedHashMap<>();
        for (String kernel : kernels) {
            String[] mm = kernel.split("\\.");
            lowestMinor.merge(mm[0], Integer.parseInt(mm[1]), Math::min);
        }
        List<String> ranges = new ArrayList<>();
        lowestMinor.forEach((major, minor) -> ranges.add(minor == 0 ? major + ".x" : major + "." + minor + "-" + major + ".x"));
        String joined = ranges.size() < 2 ? String.join("", ranges)
                : String.join(", ", ranges.subList(0, ranges.size() - 1)) + " or " + ranges.get(ranges.size() - 1);
        return "compute capability " + joined + " (kernels for " + String.join(" ", kernels) + ", no PTX)";
    }
}
