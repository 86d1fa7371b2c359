package org.scopedrnn.model.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise part of a {@link FusedLstmLayer} step as separate ND4J ops on gate-block views:
 * the path for double data (the {@link CellKernel}'s gate math is float), and the previous float
 * implementation, kept selectable ({@code -Dscopedrnn.lstm.cell=nd4j}) so tests and the speed
 * harness can hold the kernel against it.
 */
final class Nd4jCell {

    private Nd4jCell() {
    }

    /** Step {@code t} forward, after its recurrent GEMM: activations in place, c, tanh(c), h. */
    static void forward(Buffers b, int t) {
        INDArray a = b.a[t];
        Nd4j.exec(new Tanh(a, a));
        INDArray sig = b.fog[t];
        Nd4j.exec(new Sigmoid(sig, sig));
        INDArray c = b.cPrev[t + 1];
        b.f[t].mul(b.cPrev[t], c);
        b.g[t].mul(a, b.tmp);
        c.addi(b.tmp);
        Nd4j.exec(new Tanh(c, b.tc[t]));
        b.o[t].mul(b.tc[t], b.hPrev[t + 1]);
    }

    /**
     * Gate pre-activation gradients of every step into {@code b.dz}, given {@code b.dh} holds dL/dh
     * and {@code b.carry} the final cell state's gradient; leaves the initial one in {@code b.carry}.
     */
    static void backward(Buffers b, INDArray rw) {
        int steps = b.steps;
        // gate-derivative factors of every step at once (z holds the activations a, f, o, g)
        INDArray tc = b.tcAll;
        b.k1.assign(tc).muli(tc).rsubi(1.0).muli(b.oAll);      // dc/dh = o (1 - tanh(c)^2)
        b.dA.assign(b.aAll).muli(b.aAll).rsubi(1.0).muli(b.gAll); // g (1 - a^2)
        b.dF.assign(b.fAll).muli(b.fAll).rsubi(b.fAll).muli(b.cPrevAll); // c' f (1 - f)
        b.dO.assign(b.oAll).muli(b.oAll).rsubi(b.oAll).muli(tc);  // tanh(c) o (1 - o)
        b.dG.assign(b.gAll).muli(b.gAll).rsubi(b.gAll).muli(b.aAll); // a g (1 - g)
        for (int t = steps - 1; t >= 0; t--) {
            INDArray dh = b.dh[t];
            if (t < steps - 1) {
                Nd4j.gemm(b.dzt[t + 1], rw, dh, false, true, 1.0, 1.0);
            }
            dh.mul(b.k1t[t], b.dc);
            b.dc.addi(b.carry);
            b.dc.mul(b.f[t], b.carry);
            b.dAt[t].muli(b.dc);
            b.dFt[t].muli(b.dc);
            b.dGt[t].muli(b.dc);
            b.dOt[t].muli(dh);
        }
    }
}
