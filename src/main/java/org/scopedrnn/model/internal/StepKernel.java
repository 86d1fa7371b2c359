package org.scopedrnn.model.internal;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Inference steps of one LSTM layer over up to {@code capacity} rows (sampling streams, sources,
 * beam hypotheses): per step at most two GEMMs (GEMVs for one row) straight through OpenBLAS ({@code z = b + x W} for a
 * dense input, {@code z += h RW}) and one {@link CellKernel} pass, the same gate math as training.
 * An input given as ids is a row lookup in a precomputed table ({@code embedding W + b}, or
 * {@code W + b} for one-hot input), so a layer fed by characters or tokens does one GEMM per step.
 *
 * <p>The weights are shared, read-only native arrays; this object owns the native scratch rows
 * and is used by one thread. The state ({@code h}, {@code c}, {@code [rows*h]} row-major) stays on
 * the caller's heap, where beam search reorders rows and decoders keep finished rows.
 */
public final class StepKernel {

    private final int inputs;
    private final int hidden;
    private final int capacity;
    private final FloatPointer w;
    private final FloatPointer rw;
    private final float[] bias;
    private final float[] table;
    private final FloatPointer x;
    private final FloatPointer hPrev;
    private final FloatPointer z;
    private final FloatBuffer zRows;
    private final CellKernel kernel;

    /**
     * Over DL4J-layout weights (gate blocks as {@link org.scopedrnn.model.LstmLayout} defines, forget
     * bias folded into {@code bias}): {@code w [inputs, 4h]} (null when only ids come in),
     * {@code rw [h, 4h]}, {@code bias [4h]}, and {@code table [ids, 4h]} (null when no ids come in).
     */
    public StepKernel(FloatPointer w, FloatPointer rw, float[] bias, float[] table, int inputs, int hidden,
            int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 row, got " + capacity);
        }
        this.inputs = inputs;
        this.hidden = hidden;
        this.capacity = capacity;
        this.w = w;
        this.rw = rw;
        this.bias = bias;
        this.table = table;
        this.x = w == null ? null : new FloatPointer((long) capacity * inputs);
        this.hPrev = new FloatPointer((long) capacity * hidden);
        this.z = new FloatPointer((long) capacity * 4 * hidden);
        this.zRows = z.asBuffer();
        this.kernel = new CellKernel(capacity, hidden);
    }

    /** One step of {@code rows} rows whose inputs are ids (rows of the table). */
    public void stepIds(int rows, int[] ids, float[] h, float[] c) {
        check(rows, table != null, "ids");
        int g4 = 4 * hidden;
        int tableRows = table.length / g4;
        for (int r = 0; r < rows; r++) {
            int id = ids[r];
            if (id < 0 || id >= tableRows) {
                throw new IllegalArgumentException("input id " + id + " of row " + r + " is outside [0, "
                        + tableRows + ")");
            }
            zRows.put(r * g4, table, id * g4, g4);
        }
        recurrent(rows, h, c);
    }

    /** One step of {@code rows} rows whose inputs are dense vectors {@code input [rows*inputs]}. */
    public void stepInputs(int rows, float[] input, float[] h, float[] c) {
        check(rows, w != null, "dense inputs");
        int g4 = 4 * hidden;
        for (int r = 0; r < rows; r++) {
            zRows.put(r * g4, bias, 0, g4);
        }
        x.put(input, 0, rows * inputs);
        DirectGemm.multiplyAdd(rows, inputs, g4, x, w, z);
        recurrent(rows, h, c);
    }

    private void recurrent(int rows, float[] h, float[] c) {
        int g4 = 4 * hidden;
        hPrev.put(h, 0, rows * hidden);
        DirectGemm.multiplyAdd(rows, hidden, g4, hPrev, rw, z);
        kernel.step(zRows, rows, c, h);
    }

    private void check(int rows, boolean available, String what) {
        if (!available) {
            throw new IllegalStateException("this LSTM layer was not set up for " + what);
        }
        if (rows < 1 || rows > capacity) {
            throw new IllegalArgumentException("a step needs 1.." + capacity + " rows, got " + rows);
        }
    }
}
