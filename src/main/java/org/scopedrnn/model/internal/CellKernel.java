package org.scopedrnn.model.internal;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scopedrnn.model.LstmLayout;

/**
 * The element-wise part of one float LSTM time step, forward and backward, as ONE pass of plain
 * Java loops: all four gate nonlinearities, the cell update and {@code h = o tanh(c)} (backward:
 * every gate's pre-activation gradient and the cell-gradient carry). The GEMMs stay with ND4J.
 *
 * <p>The step's gate block ({@code B} rows of {@code 4h}, DL4J order as {@link LstmLayout} defines
 * it) is copied from the layer's native buffer into one heap array per gate, so every loop runs
 * over equal indices of separate {@code float[]}s: the shape C2 vectorises (it does not vectorise
 * direct-buffer access, nor loops whose arrays are read at unrelated offsets). Bulk copies cost
 * ~20 us per 800 KB; the gate math on heap arrays runs at ~1-2 ns per unit instead of the ~13 ns of
 * libnd4j's scalar tanh, and the ~0.3-1 ms of per-op overhead of each of eight ND4J ops is gone.
 * Activations go back into the native buffers for the backward pass and the weight-gradient GEMMs.
 */
final class CellKernel {

    private static final int A = LstmLayout.dl4jBlockOfTfGate(LstmLayout.TF_J);
    private static final int F = LstmLayout.dl4jBlockOfTfGate(LstmLayout.TF_F);
    private static final int O = LstmLayout.dl4jBlockOfTfGate(LstmLayout.TF_O);
    private static final int I = LstmLayout.dl4jBlockOfTfGate(LstmLayout.TF_I);

    private final int batch;
    private final int hidden;
    private final int n;
    /** Gate values of the step in hand, one array per DL4J block, {@code [B*h]} row-major. */
    private final float[][] gate = new float[4][];
    private final float[] c;
    private final float[] tc;
    private final float[] h;
    private final float[] dh;
    private final float[] carry;

    CellKernel(int batch, int hidden) {
        this.batch = batch;
        this.hidden = hidden;
        this.n = batch * hidden;
        for (int k = 0; k < 4; k++) {
            gate[k] = new float[n];
        }
        c = new float[n];
        tc = new float[n];
        h = new float[n];
        dh = new float[n];
        carry = new float[n];
    }

    /**
     * Step {@code t} forward: turns the pre-activations in {@code z}'s block {@code t} (GEMMs done)
     * into activations in place, writes {@code c_t}, {@code tanh(c_t)} and {@code h_t}. {@code c}
     * and {@code h} hold {@code T+1} blocks (block 0 the initial state), {@code tc} {@code T}.
     */
    void forward(int t, FloatBuffer z, FloatBuffer cAll, FloatBuffer tcAll, FloatBuffer hAll) {
        if (t == 0) {
            cAll.get(0, c, 0, n);
        }
        loadGates(z, t * 4 * n, batch);
        activate(gate[A], gate[F], gate[O], gate[I], c, h, n);
        storeGates(z, t);
        cAll.put((t + 1) * n, c, 0, n);
        tcAll.put(t * n, tc, 0, n);
        hAll.put((t + 1) * n, h, 0, n);
    }

    /**
     * Separate simple loops rather than one: C2 does not vectorise a loop body holding five inlined
     * tanh (measured 29 ns per unit), but does each of these (~3 ns per unit in all); the arrays
     * are a few hundred KB, so the extra passes stay in cache.
     */
    private void activate(float[] a, float[] f, float[] o, float[] i, float[] c, float[] h, int n) {
        for (int j = 0; j < n; j++) {
            a[j] = GateMath.tanh(a[j]);
        }
        sigmoid(f, n);
        sigmoid(o, n);
        sigmoid(i, n);
        float[] tc = this.tc;
        for (int j = 0; j < n; j++) {
            float cv = f[j] * c[j] + i[j] * a[j];
            c[j] = cv;
            float t = GateMath.tanh(cv);
            tc[j] = t;
            h[j] = o[j] * t;
        }
    }

    private static void sigmoid(float[] v, int n) {
        for (int j = 0; j < n; j++) {
            v[j] = GateMath.sigmoid(v[j]);
        }
    }

    /** Before the last step's {@link #backward}: the final cell state's gradient {@code [B, h]}, or null for zero. */
    void startBackward(INDArray dcLast) {
        if (dcLast == null) {
            java.util.Arrays.fill(carry, 0f);
        } else {
            System.arraycopy(dcLast.castTo(DataType.FLOAT).dup('c').data().asFloat(), 0, carry, 0, n);
        }
    }

    /** After step 0's {@link #backward}: the initial cell state's gradient into {@code dc0 [B, h]}. */
    void carryInto(INDArray dc0) {
        dc0.assign(Nd4j.createFromArray(carry).reshape(batch, hidden));
    }

    /**
     * Step {@code t} backward, {@code t} from {@code T-1} down to 0: reads {@code dL/dh_t} (the
     * output gradient plus the recurrent GEMM's part) and the kept activations, writes the
     * pre-activation gradients into {@code dz}'s block {@code t} and keeps {@code dL/dc_t * f_t} for
     * step {@code t-1}.
     */
    void backward(int t, FloatBuffer z, FloatBuffer cAll, FloatBuffer tcAll, FloatBuffer dhAll, FloatBuffer dz) {
        loadGates(z, t * 4 * n, batch);
        cAll.get(t * n, c, 0, n);
        tcAll.get(t * n, tc, 0, n);
        dhAll.get(t * n, dh, 0, n);
        gradients(gate[A], gate[F], gate[O], gate[I]);
        storeGates(dz, t);
    }

    private void gradients(float[] a, float[] f, float[] o, float[] i) {
        float[] cPrev = this.c;
        float[] tc = this.tc;
        float[] dh = this.dh;
        float[] carry = this.carry;
        for (int j = 0; j < n; j++) {
            float av = a[j];
            float fv = f[j];
            float ov = o[j];
            float iv = i[j];
            float t = tc[j];
            float dhv = dh[j];
            float dc = dhv * ov * (1f - t * t) + carry[j];
            carry[j] = dc * fv;
            a[j] = dc * iv * (1f - av * av);
            f[j] = dc * cPrev[j] * fv * (1f - fv);
            o[j] = dhv * t * ov * (1f - ov);
            i[j] = dc * av * iv * (1f - iv);
        }
    }

    /**
     * One inference step of the first {@code rows} (at most the batch) rows: reads their gate
     * pre-activations from {@code z} ({@code [rows, 4h]} from index 0, GEMMs done), updates the cell
     * states {@code c [rows*h]} in place and writes {@code h [rows*h]}; {@code z} is left as it was.
     * The same gate math as a training step, so sampling and decoding compute what training does.
     */
    void step(FloatBuffer z, int rows, float[] c, float[] h) {
        if (rows > batch) {
            throw new IllegalArgumentException("step of " + rows + " rows on a kernel for " + batch);
        }
        loadGates(z, 0, rows);
        activate(gate[A], gate[F], gate[O], gate[I], c, h, rows * hidden);
    }

    /** Copies {@code rows} rows of {@code 4h} from index {@code base} of a buffer into the per-gate arrays. */
    private void loadGates(FloatBuffer z, int base, int rows) {
        for (int r = 0; r < rows; r++) {
            int row = base + r * 4 * hidden;
            for (int k = 0; k < 4; k++) {
                z.get(row + k * hidden, gate[k], r * hidden, hidden);
            }
        }
    }

    private void storeGates(FloatBuffer z, int t) {
        int base = t * 4 * n;
        for (int r = 0; r < batch; r++) {
            int row = base + r * 4 * hidden;
            for (int k = 0; k < 4; k++) {
                z.put(row + k * hidden, gate[k], r * hidden, hidden);
            }
        }
    }
}
