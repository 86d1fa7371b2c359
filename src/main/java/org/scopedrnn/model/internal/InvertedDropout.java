package org.scopedrnn.model.internal;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's inverted dropout (keep each activation with probability {@code keep}, scaled by
 * 1/keep; the same mask scales the gradient), drawn and applied in Java passes over the arrays'
 * memory, whatever their strides. DL4J's own {@link Dropout} runs three native ops (fill,
 * Bernoulli draw, multiply) and a fourth in backprop, on the strided views the LSTM layers hand
 * it: a quarter of the small preset's training step (bench/results/dropout.md). The mask is one
 * bit per element, drawn from a SplitMix64 stream seeded by ND4J's RNG (four 16-bit uniforms per
 * draw, keep resolved to 1/65536), so a run seeded the same (the workers' step hook seeds it every
 * step) draws the same masks. Arrays of rank other than 2 or 3, or not float, go through ND4J.
 */
@JsonIgnoreProperties({"mask", "maskShape"})
public final class InvertedDropout implements IDropout {

    private static final long serialVersionUID = 1L;

    @JsonProperty("keep")
    private final double keep;
    private transient long[] mask;
    private transient long[] maskShape;

    public InvertedDropout(@JsonProperty("keep") double keep) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep probability must be in (0, 1], got " + keep);
        }
        this.keep = keep;
    }

    public double keep() {
        return keep;
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray output, int iteration, int epoch,
            LayerWorkspaceMgr workspaceMgr) {
        long n = output.length();
        maskShape = output.shape().clone();
        mask = draw(Nd4j.getRandom().nextLong(), n, keep);
        if (input != output) {
            output.assign(input);
        }
        scale(output);
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            throw new IllegalStateException("dropout backprop without a mask: no forward pass since the last clear");
        }
        if (!java.util.Arrays.equals(maskShape, gradAtOutput.shape())) {
            throw new IllegalStateException("dropout gradient of shape " + java.util.Arrays.toString(gradAtOutput.shape())
                    + " for a mask of shape " + java.util.Arrays.toString(maskShape));
        }
        if (gradAtInput != gradAtOutput) {
            gradAtInput.assign(gradAtOutput);
        }
        scale(gradAtInput);
        mask = null;
        return gradAtInput;
    }

    /**
     * The keep bits of {@code n} elements in c order of the array's shape: bit i of word i/64 set
     * when element i is kept.
     */
    static long[] draw(long seed, long n, double keep) {
        int threshold = (int) Math.round(keep * 65536);
        long[] bits = new long[(int) ((n + 63) >>> 6)];
        long state = seed;
        for (int w = 0; w < bits.length; w++) {
            long word = 0;
            for (int q = 0; q < 64; q += 4) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                for (int k = 0; k < 4; k++) {
                    if ((int) ((z >>> (16 * k)) & 0xFFFF) < threshold) {
                        word |= 1L << (q + k);
                    }
                }
            }
            bits[w] = word;
        }
        return bits;
    }

    /** Multiplies {@code a} in place by the mask: kept elements by 1/keep, the rest by 0. */
    private void scale(INDArray a) {
        if (a.dataType() != DataType.FLOAT || (a.rank() != 2 && a.rank() != 3)) {
            a.muli(maskArray(a.dataType()));
            return;
        }
        // a matrix as [1, rows, cols]; its extra dimension, of size 1, walked outermost
        long[] shape = a.rank() == 3 ? a.shape() : new long[] {1, a.size(0), a.size(1)};
        long[] stride = a.rank() == 3 ? a.stride() : new long[] {Long.MAX_VALUE, a.stride(0), a.stride(1)};
        long[] maskStride = {shape[1] * shape[2], shape[2], 1};
        int[] d = memoryOrder(stride);
        FloatBuffer f = a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
        float s = (float) (1 / keep);
        int s2 = (int) stride[d[2]];
        int m2 = (int) maskStride[d[2]];
        for (int x = 0; x < shape[d[0]]; x++) {
            for (int y = 0; y < shape[d[1]]; y++) {
                int p = (int) (a.offset() + x * stride[d[0]] + y * stride[d[1]]);
                long i = x * maskStride[d[0]] + y * maskStride[d[1]];
                for (int z = 0; z < shape[d[2]]; z++, p += s2, i += m2) {
                    boolean kept = (mask[(int) (i >>> 6)] & (1L << (i & 63))) != 0;
                    f.put(p, kept ? f.get(p) * s : 0f);
                }
            }
        }
    }

    /**
     * The three dimensions from largest stride to smallest: walking them in that order reads memory
     * in order (the LSTM layers' outputs are time-major buffers seen as [batch, features, time]).
     */
    private static int[] memoryOrder(long[] stride) {
        return java.util.stream.IntStream.of(0, 1, 2).boxed()
                .sorted((u, v) -> Long.compare(stride[v], stride[u]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The mask as an array of {@code type} in c order (for the ND4J fallback). */
    private INDArray maskArray(DataType type) {
        int n = (int) java.util.Arrays.stream(maskShape).reduce(1, Math::multiplyExact);
        float s = (float) (1 / keep);
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = (mask[i >>> 6] & (1L << (i & 63))) != 0 ? s : 0f;
        }
        return Nd4j.createFromArray(m).reshape('c', maskShape).castTo(type);
    }

    @Override
    public void clear() {
        mask = null;
    }

    @Override
    public InvertedDropout clone() {
        return new InvertedDropout(keep);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvertedDropout d && d.keep == keep;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(keep);
    }

    @Override
    public String toString() {
        return "InvertedDropout(keep=" + keep + ")";
    }
}
