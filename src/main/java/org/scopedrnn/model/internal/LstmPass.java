package org.scopedrnn.model.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One LSTM layer over a whole sequence, forward and backward, on preallocated time-major buffers:
 * the computation that every training LSTM of the project runs (the char model's
 * {@link FusedLstmLayer} and the seq2seq encoder and decoder). DL4J's parameter layout ({@code W
 * [in, 4h]}, {@code RW [h, 4h]}, {@code b [1, 4h]}, gate blocks as
 * {@link org.scopedrnn.model.LstmLayout} defines them, forget bias folded into {@code b}).
 * <ul>
 * <li>forward: {@code Z = X W + b} for all steps in one GEMM, then per step one GEMM
 * {@code Z_t += h_{t-1} RW} and one pass of the {@link CellKernel} (float; double data take
 * {@link Nd4jCell}'s separate ND4J ops);
 * <li>backward: per step one GEMM {@code dh_t += dZ_{t+1} RW^T} and one kernel pass;
 * {@code dW = X^T dZ}, {@code dRW = H_prev^T dZ}, {@code db = sum dZ} and {@code dX = dZ W^T} as
 * single big GEMMs after the loop.
 * </ul>
 * Optional: an initial state {@code (h0, c0)} and the gradients of the final state (an encoder
 * handing its state to a decoder), and a step mask: a masked row's input projection and bias are
 * zero ({@code z = h RW}), so a left-padded sequence's state stays zero until its first token.
 * Buffers live outside DL4J's workspaces and are reused while the shapes stay the same.
 */
public final class LstmPass {

    private final Buffers b = new Buffers();
    private final boolean javaKernel;
    private boolean masked;

    /** {@code javaKernel}: float data through the {@link CellKernel}, else ND4J ops. */
    public LstmPass(boolean javaKernel) {
        this.javaKernel = javaKernel;
    }

    /**
     * Forward over {@code input [T, B, in]} (time-major, any view). {@code h0}, {@code c0}
     * {@code [B, h]} or null for zeros; {@code mask} {@code [T*B, 1]} time-major (row {@code t*B + b}),
     * 1 for a real step, 0 for padding, or null.
     */
    public void forward(INDArray input, INDArray w, INDArray rw, INDArray bias, INDArray h0, INDArray c0,
            INDArray mask) {
        int steps = (int) input.size(0);
        int batch = (int) input.size(1);
        if (input.size(2) != w.size(0)) {
            throw new IllegalArgumentException("LSTM expects " + w.size(0) + " inputs per step, got input of shape "
                    + java.util.Arrays.toString(input.shape()));
        }
        b.ensure(batch, steps, (int) w.size(0), (int) rw.size(0), w.dataType(), javaKernel);
        b.x3.assign(input);
        masked = mask != null;
        if (masked) {
            b.ensureMask();
            b.maskCol.assign(mask);
            b.x.muliColumnVector(b.maskCol);
        }
        Nd4j.gemm(b.x, w, b.z, false, false, 1.0, 0.0);
        if (masked) {
            Nd4j.gemm(b.maskCol, bias.reshape(1, bias.length()), b.z, false, false, 1.0, 1.0);
        } else {
            b.z.addiRowVector(bias);
        }
        if (b.kernel != null) {
            b.rw.assign(rw);
        }
        assignOrZero(b.hPrev[0], h0);
        assignOrZero(b.cPrev[0], c0);
        for (int t = 0; t < steps; t++) {
            if (b.kernel != null) {
                b.gemm.forwardStep(t);
                b.kernel.forward(t, b.zF, b.cF, b.tcF, b.hF);
            } else {
                Nd4j.gemm(b.hPrev[t], rw, b.zt[t], false, false, 1.0, 1.0);
                Nd4jCell.forward(b, t);
            }
        }
    }

    private static void assignOrZero(INDArray target, INDArray value) {
        if (value == null) {
            target.assign(0);
        } else {
            target.assign(value);
        }
    }

    /** The outputs {@code [T, B, h]} of the last forward pass (a view of this pass's buffer). */
    public INDArray output() {
        return b.hOut3;
    }

    public INDArray lastH() {
        return b.lastH();
    }

    public INDArray lastC() {
        return b.lastC();
    }

    public int steps() {
        return b.steps;
    }

    public int batch() {
        return b.batch;
    }

    public DataType dataType() {
        return b.dataType;
    }

    /**
     * Backward after {@link #forward}: {@code dh [T, B, h]} (any view, or null for zeros) the
     * outputs' gradient, {@code dhLast}, {@code dcLast} {@code [B, h]} (or null) the final state's.
     * Writes (or, with {@code accumulate}, adds) the parameter gradients into {@code gW},
     * {@code gRW} and {@code gB} ({@code [1, 4h]}). Then {@link #inputGradient}, {@link #dh0} and
     * {@link #dc0} are available.
     */
    public void backward(INDArray dh, INDArray dhLast, INDArray dcLast, INDArray rw, INDArray gW, INDArray gRW,
            INDArray gB, boolean accumulate) {
        b.ensureBackward();
        int steps = b.steps;
        assignOrZero(b.dh3, dh);
        if (dhLast != null) {
            b.dh[steps - 1].addi(dhLast);
        }
        if (b.kernel == null) {
            assignOrZero(b.carry, dcLast);
            Nd4jCell.backward(b, rw);
        } else {
            b.rw.assign(rw);
            b.kernel.startBackward(dcLast);
            for (int t = steps - 1; t >= 0; t--) {
                if (t < steps - 1) {
                    b.gemm.backwardStep(t);
                }
                b.kernel.backward(t, b.zF, b.cF, b.tcF, b.dhF, b.dzF);
            }
            b.kernel.carryInto(b.carry);
        }
        double beta = accumulate ? 1.0 : 0.0;
        Nd4j.gemm(b.x, b.dz, gW, true, false, 1.0, beta);
        Nd4j.gemm(b.hPrevAll, b.dz, gRW, true, false, 1.0, beta);
        Nd4j.gemm(masked ? b.maskRow : b.ones, b.dz, gB.reshape(1, gB.length()), false, false, 1.0, beta);
        Nd4j.gemm(b.dzt[0], rw, b.dh0, false, true, 1.0, 0.0);
    }

    /** {@code dx [T*B, in] = dZ W^T} (zero at masked steps), time-major rows, after {@link #backward}. */
    public void inputGradient(INDArray w, INDArray dx) {
        Nd4j.gemm(b.dz, w, dx, false, true, 1.0, 0.0);
        if (masked) {
            dx.muliColumnVector(b.maskCol);
        }
    }

    /** The gradient of the initial {@code h0 [B, h]}, after {@link #backward} (a view of this pass's buffer). */
    public INDArray dh0() {
        return b.dh0;
    }

    /** The gradient of the initial {@code c0 [B, h]}, after {@link #backward}. */
    public INDArray dc0() {
        return b.carry;
    }
}
