package org.scopedrnn.model.internal;

import org.bytedeco.javacpp.FloatPointer;

/**
 * {@code y = x W + b} for up to {@code capacity} rows, one OpenBLAS GEMM (GEMV for one row): the output projection of
 * a sampled or decoded step. Shares the read-only native {@code W [in, out]}; owns its scratch and
 * is used by one thread, like {@link StepKernel}.
 */
public final class DenseKernel {

    private final FloatPointer w;
    private final float[] bias;
    private final int inputs;
    private final int outputs;
    private final int capacity;
    private final FloatPointer x;
    private final FloatPointer y;

    public DenseKernel(FloatPointer w, float[] bias, int inputs, int outputs, int capacity) {
        this.w = w;
        this.bias = bias;
        this.inputs = inputs;
        this.outputs = outputs;
        this.capacity = capacity;
        this.x = new FloatPointer((long) capacity * inputs);
        this.y = new FloatPointer((long) capacity * outputs);
    }

    /** {@code out [rows*outputs] = in [rows*inputs] W + b}. */
    public void apply(int rows, float[] in, float[] out) {
        if (rows < 1 || rows > capacity) {
            throw new IllegalArgumentException("a projection needs 1.." + capacity + " rows, got " + rows);
        }
        for (int r = 0; r < rows; r++) {
            y.position((long) r * outputs).put(bias, 0, outputs);
        }
        y.position(0);
        x.put(in, 0, rows * inputs);
        DirectGemm.multiplyAdd(rows, inputs, outputs, x, w, y);
        y.get(out, 0, rows * outputs);
    }
}
