package org.scopedrnn.model;

import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.LSTMLayer;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.LSTMLayerBp;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;

/**
 * SameDiff's {@code lstmLayer} op started from a given (h, c), with forward and backward passes
 * that agree on which is which.
 *
 * <p>Why not {@code sd.rnn().lstmLayer(x, cLast, yLast, ...)}: in ND4J 1.0.0-M2 its forward pass
 * hands {@code cLast} to libnd4j's initial-output slot and {@code yLast} to the initial-cell slot
 * (checked numerically: with zero weights the first cell state is half of {@code yLast}), while its
 * gradient op ({@code LSTMLayerBp}) passes them the documented way round. Any initial state with
 * h != c then trains on wrong gradients. This op passes (h0, c0) in libnd4j's order (x, Wx, Wr, b,
 * seqLen, hI, cI) to both passes. Package-private: only {@link Seq2SeqVertex} uses it.
 */
final class InitialStateLstmLayer extends LSTMLayer {

    private final SDVariable h0;
    private final SDVariable c0;
    private final SDVariable seqLen;

    /**
     * @param x input, in the layout {@code config} names
     * @param h0 initial output {@code [B, h]}
     * @param c0 initial cell state {@code [B, h]}
     * @param seqLen per-example lengths {@code [B]}, or null for full length
     */
    InitialStateLstmLayer(SameDiff sd, SDVariable x, SDVariable h0, SDVariable c0, SDVariable seqLen,
            LSTMLayerWeights weights, LSTMLayerConfig config) {
        // LSTMLayer's constructor orders inputs (x, seqLen, cLast, yLast) into libnd4j's (..., hI, cI):
        // its "cLast" parameter lands in hI, so h0 goes there.
        super(sd, x, h0, c0, seqLen, weights, config);
        this.h0 = h0;
        this.c0 = c0;
        this.seqLen = seqLen;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        LSTMLayerConfig config = getConfiguration();
        int i = 0;
        SDVariable dLdh = config.isRetFullSequence() ? grads.get(i++) : null;
        SDVariable dLdhL = config.isRetLastH() ? grads.get(i++) : null;
        SDVariable dLdcL = config.isRetLastC() ? grads.get(i++) : null;
        // LSTMLayerBp orders (..., yLast, cLast) into libnd4j's (..., hI, cI): h0 is its "yLast".
        // Its outputs (dLdx, dLdWx, dLdWr, dLdb, dLdSeqLen, dLdhI, dLdcI) follow this op's inputs.
        return Arrays.asList(new LSTMLayerBp(sameDiff, arg(0), c0, h0, seqLen, getWeights(), config,
                dLdh, dLdhL, dLdcL).outputVariables());
    }
}
