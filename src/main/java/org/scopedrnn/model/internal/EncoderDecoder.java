package org.scopedrnn.model.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scopedrnn.model.LstmLayout;

/**
 * The seq2seq vertex's computation on the training LSTM kernel ({@link LstmPass}, one per RNN):
 * embedding lookups, the encoder over the masked source (final h and c), the decoder started from
 * them and teacher-forced on the target input, and the backward pass through both, the decoder's
 * initial-state gradient flowing into the encoder's final state.
 *
 * <p>Parameters arrive in the vertex's SameDiff {@code lstmLayer} layout (what checkpoints bind
 * to) and are copied into DL4J's gate order with the forget bias added, once per pass, by
 * {@link LstmLayout}; gradients go back the same way. A shared LSTM or embedding is the same array
 * in both roles, and its gradient is the sum of both uses. The source mask works as in the
 * SameDiff graph: a masked step's input and bias are zero, so a left-padded source's state stays
 * zero until its first token. Not thread-safe: one per vertex and mode (training, inference).
 */
public final class EncoderDecoder {

    /** The vertex's parameters or their gradients, by role; shared roles hold the same array. */
    public record Params(INDArray encoderEmbedding, INDArray decoderEmbedding, INDArray encoderW, INDArray encoderRW,
            INDArray encoderB, INDArray decoderW, INDArray decoderRW, INDArray decoderB) {

        boolean sharedLstm() {
            return encoderW == decoderW;
        }

        boolean sharedEmbedding() {
            return encoderEmbedding == decoderEmbedding;
        }
    }

    private final double forgetBias;
    private final LstmPass encoder;
    private final LstmPass decoder;
    /** DL4J-layout copies {W, RW, b} of each LSTM's parameters and their gradients. */
    private final Dl4jCopy encoderCopy = new Dl4jCopy();
    private final Dl4jCopy decoderCopy = new Dl4jCopy();
    private int[] sourceIds;
    private int[] targetIds;
    private INDArray sourceGrad;
    private INDArray targetGrad;

    public EncoderDecoder(double forgetBias, boolean javaKernel) {
        this.forgetBias = forgetBias;
        this.encoder = new LstmPass(javaKernel);
        this.decoder = new LstmPass(javaKernel);
    }

    /**
     * Forward: {@code source [B, 1, Ts]} and {@code targetIn [B, 1, Tt]} ids (any number type),
     * {@code sourceMask [B, Ts]} or null. Returns the decoder's outputs {@code [Tt, B, h]}, a view
     * of this object's buffer, valid until the next call.
     */
    public INDArray forward(Params p, INDArray source, INDArray targetIn, INDArray sourceMask) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            sourceIds = timeMajorIds(source);
            targetIds = timeMajorIds(targetIn);
            int batch = (int) source.size(0);
            encoderCopy.load(p.encoderW(), p.encoderRW(), p.encoderB(), forgetBias);
            decoderCopy.load(p.decoderW(), p.decoderRW(), p.decoderB(), forgetBias);
            INDArray mask = sourceMask == null ? null
                    : sourceMask.castTo(encoderCopy.w.dataType()).transpose().dup('c').reshape(sourceIds.length, 1);
            encoder.forward(embed(p.encoderEmbedding(), sourceIds, batch), encoderCopy.w, encoderCopy.rw,
                    encoderCopy.b, null, null, mask);
            decoder.forward(embed(p.decoderEmbedding(), targetIds, batch), decoderCopy.w, decoderCopy.rw,
                    decoderCopy.b, encoder.lastH(), encoder.lastC(), null);
            return decoder.output();
        }
    }

    /** Backward after {@link #forward}: {@code dOut [Tt, B, h]}, the outputs' gradient; writes every gradient in {@code g}. */
    public void backward(Params g, INDArray dOut) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            boolean shared = g.sharedLstm();
            decoder.backward(dOut, null, null, decoderCopy.rw, decoderCopy.gw, decoderCopy.grw, decoderCopy.gb, false);
            targetGrad = ensure(targetGrad, targetIds.length, decoderCopy.w.size(0), dOut.dataType());
            decoder.inputGradient(decoderCopy.w, targetGrad);
            Dl4jCopy encGrads = shared ? decoderCopy : encoderCopy;
            encoder.backward(null, decoder.dh0(), decoder.dc0(), encoderCopy.rw, encGrads.gw, encGrads.grw,
                    encGrads.gb, shared);
            sourceGrad = ensure(sourceGrad, sourceIds.length, encoderCopy.w.size(0), dOut.dataType());
            encoder.inputGradient(encoderCopy.w, sourceGrad);
            encGrads.storeGradients(g.encoderW(), g.encoderRW(), g.encoderB());
            if (!shared) {
                decoderCopy.storeGradients(g.decoderW(), g.decoderRW(), g.decoderB());
            }
            if (g.sharedEmbedding()) {
                scatter(g.encoderEmbedding(), sourceIds, sourceGrad, targetIds, targetGrad);
            } else {
                scatter(g.encoderEmbedding(), sourceIds, sourceGrad, null, null);
                scatter(g.decoderEmbedding(), targetIds, targetGrad, null, null);
            }
        }
    }

    /** ids {@code [B, 1, T]} as {@code int[T*B]}, time-major (index {@code t*B + b}). */
    private static int[] timeMajorIds(INDArray ids) {
        long batch = ids.size(0);
        long steps = ids.size(2);
        return ids.reshape(batch, steps).transpose().dup('c').reshape(batch * steps).toIntVector();
    }

    /**
     * Rows of {@code table [V, E]} for time-major ids, as {@code [T, B, E]}: gathered in plain Java
     * (ND4J's {@code getRows} spent more time in per-row bookkeeping than the whole LSTM step).
     */
    private static INDArray embed(INDArray table, int[] ids, int batch) {
        int e = (int) table.size(1);
        int vocab = (int) table.size(0);
        long[] shape = {ids.length / batch, batch, e};
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] < 0 || ids[r] >= vocab) {
                throw new IllegalArgumentException("id " + ids[r] + " at time-major position " + r
                        + " is outside the embedding's vocabulary [0, " + vocab + ")");
            }
        }
        if (table.dataType() == DataType.FLOAT) {
            float[] t = table.dup('c').data().asFloat();
            float[] x = new float[ids.length * e];
            for (int r = 0; r < ids.length; r++) {
                System.arraycopy(t, ids[r] * e, x, r * e, e);
            }
            return Nd4j.create(x, shape, 'c');
        }
        double[] t = table.dup('c').data().asDouble();
        double[] x = new double[ids.length * e];
        for (int r = 0; r < ids.length; r++) {
            System.arraycopy(t, ids[r] * e, x, r * e, e);
        }
        return Nd4j.create(x, shape, 'c').castTo(table.dataType());
    }

    private static INDArray ensure(INDArray a, long rows, long cols, DataType type) {
        return a != null && a.size(0) == rows && a.size(1) == cols && a.dataType() == type ? a
                : Nd4j.create(type, rows, cols);
    }

    /**
     * {@code grad[ids[r]] = sum of dx[r]} over rows {@code r} (and of {@code dx2} over {@code ids2},
     * when given), written into the gradient view {@code grad [V, E]}: a sum in plain Java over the
     * few thousand rows of a batch rather than an ND4J op per row.
     */
    private static void scatter(INDArray grad, int[] ids, INDArray dx, int[] ids2, INDArray dx2) {
        int e = (int) grad.size(1);
        double[] acc = new double[(int) grad.length()];
        addRows(acc, e, ids, dx);
        if (ids2 != null) {
            addRows(acc, e, ids2, dx2);
        }
        grad.assign(Nd4j.createFromArray(acc).reshape(grad.shape()).castTo(grad.dataType()));
    }

    private static void addRows(double[] acc, int e, int[] ids, INDArray dx) {
        double[] d = dx.dup('c').data().asDouble();
        for (int r = 0; r < ids.length; r++) {
            int dst = ids[r] * e;
            int src = r * e;
            for (int j = 0; j < e; j++) {
                acc[dst + j] += d[src + j];
            }
        }
    }

    /** One LSTM's parameters in DL4J's gate order (forget bias folded in) and its gradients in that order. */
    private static final class Dl4jCopy {
        INDArray w;
        INDArray rw;
        INDArray b;
        INDArray gw;
        INDArray grw;
        INDArray gb;

        void load(INDArray sdW, INDArray sdRW, INDArray sdB, double forgetBias) {
            if (w == null || w.dataType() != sdW.dataType() || !java.util.Arrays.equals(w.shape(), sdW.shape())) {
                DataType type = sdW.dataType();
                w = Nd4j.create(type, sdW.shape());
                rw = Nd4j.create(type, sdRW.shape());
                b = Nd4j.create(type, 1, sdRW.size(1));
                gw = Nd4j.create(type, sdW.shape());
                grw = Nd4j.create(type, sdRW.shape());
                gb = Nd4j.create(type, 1, sdRW.size(1));
            }
            LstmLayout.sameDiffToDl4j(sdW, w, 0);
            LstmLayout.sameDiffToDl4j(sdRW, rw, 0);
            LstmLayout.sameDiffToDl4j(sdB, b, forgetBias);
        }

        void storeGradients(INDArray sdGW, INDArray sdGRW, INDArray sdGB) {
            LstmLayout.dl4jToSameDiff(gw, sdGW);
            LstmLayout.dl4jToSameDiff(grw, sdGRW);
            LstmLayout.dl4jToSameDiff(gb, sdGB);
        }
    }
}
