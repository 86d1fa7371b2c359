package org.scopedrnn.model.internal;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Time-major work arrays of one {@link FusedLstmLayer} pass, with every per-step view made once:
 * row block {@code t} ({@code B} rows) of a {@code [T*B, n]} array is time step {@code t}.
 * Allocated outside DL4J's workspaces and kept while batch size, length and widths stay the same,
 * so a training step allocates nothing here after the first. For float data the arrays the
 * {@link CellKernel} touches are also seen as {@link FloatBuffer}s over their native memory.
 */
final class Buffers {

    int batch = -1;
    int steps = -1;
    int inputs = -1;
    int hidden = -1;
    DataType dataType;

    /** Inputs {@code [T*B, in]} and the same as {@code [T, B, in]}. */
    INDArray x;
    INDArray x3;
    /** Gate pre-activations, then activations {@code [T*B, 4h]}, blocks a, f, o, g. */
    INDArray z;
    INDArray aAll;
    INDArray fAll;
    INDArray oAll;
    INDArray gAll;
    INDArray[] zt;
    INDArray[] a;
    /** Blocks f, o, g of step t: the three sigmoid gates are adjacent. */
    INDArray[] fog;
    INDArray[] f;
    INDArray[] o;
    INDArray[] g;
    /** Outputs {@code [(T+1)*B, h]}: block 0 the initial state, block t+1 step t. */
    INDArray hAll;
    INDArray[] hPrev;
    INDArray hPrevAll;
    INDArray hOut3;
    /** Cell states, laid out as {@link #hAll}. */
    INDArray cAll;
    INDArray[] cPrev;
    INDArray cPrevAll;
    /** tanh of each step's cell state {@code [T*B, h]}. */
    INDArray tcAll;
    INDArray[] tc;
    INDArray tmp;

    // backward
    INDArray dz;
    INDArray[] dzt;
    INDArray dA;
    INDArray dF;
    INDArray dO;
    INDArray dG;
    INDArray[] dAt;
    INDArray[] dFt;
    INDArray[] dOt;
    INDArray[] dGt;
    INDArray k1;
    INDArray[] k1t;
    INDArray dhAll;
    INDArray dh3;
    INDArray[] dh;
    INDArray dc;
    /** The cell-gradient carry; after a backward pass, the gradient of the initial cell state. */
    INDArray carry;
    INDArray ones;
    /** The gradient of the initial h {@code [B, h]}. */
    INDArray dh0;
    /** A step mask, time-major, as a column {@code [T*B, 1]} and a row {@code [1, T*B]} view of it; or null. */
    INDArray maskCol;
    INDArray maskRow;

    /** The Java cell kernel and native views of z, c, tanh(c), h (and dz, dh), or null: ND4J ops. */
    CellKernel kernel;
    FloatBuffer zF;
    FloatBuffer cF;
    FloatBuffer tcF;
    FloatBuffer hF;
    FloatBuffer dzF;
    FloatBuffer dhF;
    /** A whole c-ordered copy of the recurrent weights, and the per-step GEMMs over these buffers. */
    INDArray rw;
    DirectGemm gemm;

    INDArray lastH() {
        return hPrev[steps];
    }

    INDArray lastC() {
        return cPrev[steps];
    }

    /**
     * Sizes the buffers; {@code javaKernel} asks for the {@link CellKernel}, which is used when the
     * data are float and every buffer is indexable by int.
     */
    void ensure(int batch, int steps, int inputs, int hidden, DataType dataType, boolean javaKernel) {
        boolean useKernel = javaKernel && dataType == DataType.FLOAT
                && (long) steps * batch * 4L * hidden <= Integer.MAX_VALUE;
        if (batch == this.batch && steps == this.steps && inputs == this.inputs && hidden == this.hidden
                && dataType == this.dataType && useKernel == (kernel != null)) {
            return;
        }
        this.batch = batch;
        this.steps = steps;
        this.inputs = inputs;
        this.hidden = hidden;
        this.dataType = dataType;
        dz = null;
        maskCol = null;
        long rows = (long) steps * batch;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            x = Nd4j.create(dataType, rows, inputs);
            x3 = x.reshape('c', steps, batch, inputs);
            z = Nd4j.create(dataType, rows, 4L * hidden);
            aAll = block(z, 0);
            fAll = block(z, 1);
            oAll = block(z, 2);
            gAll = block(z, 3);
            zt = new INDArray[steps];
            a = new INDArray[steps];
            fog = new INDArray[steps];
            f = new INDArray[steps];
            o = new INDArray[steps];
            g = new INDArray[steps];
            for (int t = 0; t < steps; t++) {
                zt[t] = rowsOf(z, t);
                a[t] = block(zt[t], 0);
                fog[t] = zt[t].get(all(), interval(hidden, 4L * hidden));
                f[t] = block(zt[t], 1);
                o[t] = block(zt[t], 2);
                g[t] = block(zt[t], 3);
            }
            hAll = Nd4j.create(dataType, rows + batch, hidden);
            hPrev = blocksOf(hAll, steps + 1);
            hPrevAll = hAll.get(interval(0, rows), all());
            hOut3 = hAll.get(interval(batch, rows + batch), all()).reshape('c', steps, batch, hidden);
            cAll = Nd4j.create(dataType, rows + batch, hidden);
            cPrev = blocksOf(cAll, steps + 1);
            cPrevAll = cAll.get(interval(0, rows), all());
            tcAll = Nd4j.create(dataType, rows, hidden);
            tc = blocksOf(tcAll, steps);
            tmp = Nd4j.create(dataType, batch, hidden);
        }
        kernel = useKernel ? new CellKernel(batch, hidden) : null;
        if (useKernel) {
            attachKernel();
        }
    }

    private void attachKernel() {
        zF = floats(z);
        cF = floats(cAll);
        tcF = floats(tcAll);
        hF = floats(hAll);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            rw = Nd4j.create(dataType, hidden, 4L * hidden);
        }
        gemm = new DirectGemm(batch, hidden, hAll, z, rw);
    }

    /** The native memory of a whole (not a view), c-ordered float array, as a buffer indexed like the array. */
    private static FloatBuffer floats(INDArray a) {
        if (a.isView() || a.offset() != 0 || a.ordering() != 'c' || a.dataType() != DataType.FLOAT) {
            throw new IllegalStateException("expected a whole c-ordered float array, got offset " + a.offset()
                    + ", ordering " + a.ordering() + ", type " + a.dataType());
        }
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    void ensureBackward() {
        if (dz != null) {
            return;
        }
        long rows = (long) steps * batch;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            dz = Nd4j.create(dataType, rows, 4L * hidden);
            dzt = blocksOf(dz, steps);
            dA = block(dz, 0);
            dF = block(dz, 1);
            dO = block(dz, 2);
            dG = block(dz, 3);
            dhAll = Nd4j.create(dataType, rows, hidden);
            dh3 = dhAll.reshape('c', steps, batch, hidden);
            dh = blocksOf(dhAll, steps);
            ones = Nd4j.ones(dataType, 1, rows);
            dh0 = Nd4j.create(dataType, batch, hidden);
            carry = Nd4j.create(dataType, batch, hidden);
            if (kernel != null) {
                dzF = floats(dz);
                dhF = floats(dhAll);
                gemm.backward(dz, dhAll);
                return;
            }
            dAt = new INDArray[steps];
            dFt = new INDArray[steps];
            dOt = new INDArray[steps];
            dGt = new INDArray[steps];
            for (int t = 0; t < steps; t++) {
                dAt[t] = block(dzt[t], 0);
                dFt[t] = block(dzt[t], 1);
                dOt[t] = block(dzt[t], 2);
                dGt[t] = block(dzt[t], 3);
            }
            k1 = Nd4j.create(dataType, rows, hidden);
            k1t = blocksOf(k1, steps);
            dc = Nd4j.create(dataType, batch, hidden);
        }
    }

    void ensureMask() {
        if (maskCol != null) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            maskCol = Nd4j.create(dataType, (long) steps * batch, 1);
            maskRow = maskCol.reshape(1, (long) steps * batch);
        }
    }

    private INDArray block(INDArray m, int k) {
        return m.get(all(), interval((long) k * hidden, (long) (k + 1) * hidden));
    }

    private INDArray rowsOf(INDArray m, int t) {
        return m.get(interval((long) t * batch, (long) (t + 1) * batch), all());
    }

    private INDArray[] blocksOf(INDArray m, int n) {
        var out = new INDArray[n];
        for (int t = 0; t < n; t++) {
            out[t] = rowsOf(m, t);
        }
        return out;
    }
}
