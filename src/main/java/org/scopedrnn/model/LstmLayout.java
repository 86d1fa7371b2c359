package org.scopedrnn.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one place that knows how a TensorFlow LSTM cell's variables map onto DL4J's {@code LSTM}
 * layer parameters and onto SameDiff's {@code lstmLayer} op (the seq2seq vertex).
 *
 * <p>TensorFlow: {@code kernel [in + h, 4h]}, {@code bias [4h]}, gate blocks i, j, f, o, and the
 * forget bias added at run time (not stored). DL4J: {@code W [in, 4h]}, {@code RW [h, 4h]},
 * {@code b [1, 4h]}, gate blocks j, f, o, i (in TensorFlow's letters), forget bias folded into
 * {@code b}. Optimizer moments use the same permutation but never get the forget-bias shift.
 *
 * <p>SameDiff {@code lstmLayer}: {@code W [in, 4h]}, {@code RW [h, 4h]}, {@code b [4h]}, gate
 * blocks i, f, j, o (libnd4j's "i, f, c', o"); the forget bias is not stored in {@code b} but added
 * by the graph at run time ({@link #sameDiffForgetOffsets}), so values and moments convert alike.
 */
public final class LstmLayout {

    /** DL4J block d holds TensorFlow block {@code TF_BLOCK_OF_DL4J[d]} (i=0, j=1, f=2, o=3). */
    private static final int[] TF_BLOCK_OF_DL4J = {1, 2, 3, 0};
    private static final int DL4J_FORGET_BLOCK = 1;
    /** SameDiff/libnd4j {@code lstmLayer} block d (i, f, g, o) holds TensorFlow block {@code TF_BLOCK_OF_SAMEDIFF[d]}. */
    private static final int[] TF_BLOCK_OF_SAMEDIFF = {0, 2, 1, 3};
    private static final int SAMEDIFF_FORGET_BLOCK = 1;

    /** TensorFlow's gate letters as block numbers of its kernel: i (input), j (candidate), f, o. */
    public static final int TF_I = 0;
    public static final int TF_J = 1;
    public static final int TF_F = 2;
    public static final int TF_O = 3;

    private LstmLayout() {
    }

    /**
     * The DL4J block holding TF gate {@code tfGate} ({@link #TF_I} .. {@link #TF_O}): what a kernel
     * computing DL4J's LSTM reads, so the gate order is defined here only.
     */
    public static int dl4jBlockOfTfGate(int tfGate) {
        return blockOf(TF_BLOCK_OF_DL4J, tfGate);
    }

    /** The block of a layout ({@code tfBlockOf[d]} = the TF gate in block d) holding TF gate {@code tfGate}. */
    private static int blockOf(int[] tfBlockOf, int tfGate) {
        for (int d = 0; d < 4; d++) {
            if (tfBlockOf[d] == tfGate) {
                return d;
            }
        }
        throw new IllegalArgumentException("TF gate must be 0..3 (i, j, f, o), got " + tfGate);
    }

    /** Writes TF {@code kernel} into DL4J {@code w} (input rows) and {@code rw} (recurrent rows), in place. */
    public static void kernelToDl4j(INDArray kernel, INDArray w, INDArray rw) {
        kernelTo(TF_BLOCK_OF_DL4J, kernel, w, rw);
    }

    /** A new TF {@code kernel [in + h, 4h]} from DL4J {@code w} and {@code rw}. */
    public static INDArray kernelFromDl4j(INDArray w, INDArray rw) {
        return kernelFrom(TF_BLOCK_OF_DL4J, w, rw);
    }

    /**
     * Writes TF {@code bias [4h]} into DL4J {@code b [1, 4h]}, in place; {@code forgetBias} is added
     * to the forget block (pass 0 for optimizer moments).
     */
    public static void biasToDl4j(INDArray bias, INDArray b, double forgetBias) {
        biasTo(TF_BLOCK_OF_DL4J, DL4J_FORGET_BLOCK, bias, b, forgetBias);
    }

    /** A new TF {@code bias [4h]} from DL4J {@code b}; {@code forgetBias} is subtracted from the forget block. */
    public static INDArray biasFromDl4j(INDArray b, double forgetBias) {
        return biasFrom(TF_BLOCK_OF_DL4J, DL4J_FORGET_BLOCK, b, forgetBias);
    }

    // ---- SameDiff lstmLayer (libnd4j): W [in, 4h], RW [h, 4h], b [4h], blocks i, f, g(=j), o ----

    /**
     * Writes TF {@code kernel} into SameDiff {@code lstmLayer} weights {@code w [in, 4h]} and
     * {@code rw [h, 4h]}, in place (blocks i, f, j, o in TF's letters).
     */
    public static void kernelToSameDiff(INDArray kernel, INDArray w, INDArray rw) {
        kernelTo(TF_BLOCK_OF_SAMEDIFF, kernel, w, rw);
    }

    /** A new TF {@code kernel [in + h, 4h]} from SameDiff {@code lstmLayer} weights {@code w} and {@code rw}. */
    public static INDArray kernelFromSameDiff(INDArray w, INDArray rw) {
        return kernelFrom(TF_BLOCK_OF_SAMEDIFF, w, rw);
    }

    /**
     * Writes TF {@code bias [4h]} into a SameDiff {@code lstmLayer} bias ({@code [4h]} or {@code [1, 4h]}),
     * in place. The forget bias is not folded in: the seq2seq graph adds it at run time, as TF does.
     */
    public static void biasToSameDiff(INDArray bias, INDArray b) {
        biasTo(TF_BLOCK_OF_SAMEDIFF, SAMEDIFF_FORGET_BLOCK, bias, b, 0);
    }

    /** A new TF {@code bias [4h]} from a SameDiff {@code lstmLayer} bias. */
    public static INDArray biasFromSameDiff(INDArray b) {
        return biasFrom(TF_BLOCK_OF_SAMEDIFF, SAMEDIFF_FORGET_BLOCK, b, 0);
    }

    /**
     * The run-time forget-bias offsets for a SameDiff {@code lstmLayer} bias: {@code [4h]} zeros with
     * {@code forgetBias} in the forget block.
     */
    public static INDArray sameDiffForgetOffsets(int h, double forgetBias, DataType type) {
        INDArray offsets = Nd4j.zeros(type, 4L * h);
        offsets.get(block(SAMEDIFF_FORGET_BLOCK, h)).assign(forgetBias);
        return offsets;
    }

    /** The TF gate (0=i, 1=j, 2=f, 3=o) stored in SameDiff block {@code d}. */
    public static int tfGateOfSameDiffBlock(int d) {
        return TF_BLOCK_OF_SAMEDIFF[d];
    }

    /**
     * Copies SameDiff {@code lstmLayer} gate blocks into DL4J's order, in place: {@code src} and
     * {@code dst} are {@code [rows, 4h]} weights or {@code [4h]} / {@code [1, 4h]} biases.
     * {@code forgetBias} is added to the forget block (0 for weights and gradients).
     */
    public static void sameDiffToDl4j(INDArray src, INDArray dst, double forgetBias) {
        int h = (int) (src.size(src.rank() - 1) / 4);
        for (int d = 0; d < 4; d++) {
            INDArray out = columns(dst, d, h);
            out.assign(columns(src, sameDiffBlockOfTfGate(TF_BLOCK_OF_DL4J[d]), h));
            if (d == DL4J_FORGET_BLOCK && forgetBias != 0) {
                out.addi(forgetBias);
            }
        }
    }

    /** The inverse of {@link #sameDiffToDl4j} without a forget bias: DL4J blocks (e.g. gradients) into SameDiff's order. */
    public static void dl4jToSameDiff(INDArray src, INDArray dst) {
        int h = (int) (src.size(src.rank() - 1) / 4);
        for (int d = 0; d < 4; d++) {
            columns(dst, sameDiffBlockOfTfGate(TF_BLOCK_OF_DL4J[d]), h).assign(columns(src, d, h));
        }
    }

    private static int sameDiffBlockOfTfGate(int tfGate) {
        return blockOf(TF_BLOCK_OF_SAMEDIFF, tfGate);
    }

    /** Block {@code k} of the last axis of a rank-1 or rank-2 array, as a view. */
    private static INDArray columns(INDArray a, int k, int h) {
        return a.rank() == 1 ? a.get(block(k, h)) : a.get(NDArrayIndex.all(), block(k, h));
    }

    private static void kernelTo(int[] tfBlockOf, INDArray kernel, INDArray w, INDArray rw) {
        int nIn = (int) w.size(0);
        int h = (int) rw.size(0);
        checkShape("kernel", kernel, nIn + h, 4L * h);
        for (int d = 0; d < 4; d++) {
            INDArrayIndex tfCols = block(tfBlockOf[d], h);
            INDArrayIndex dlCols = block(d, h);
            w.get(NDArrayIndex.all(), dlCols).assign(kernel.get(NDArrayIndex.interval(0, nIn), tfCols));
            rw.get(NDArrayIndex.all(), dlCols).assign(kernel.get(NDArrayIndex.interval(nIn, nIn + h), tfCols));
        }
    }

    private static INDArray kernelFrom(int[] tfBlockOf, INDArray w, INDArray rw) {
        int nIn = (int) w.size(0);
        int h = (int) rw.size(0);
        INDArray kernel = Nd4j.create(w.dataType(), nIn + h, 4L * h);
        for (int d = 0; d < 4; d++) {
            INDArrayIndex tfCols = block(tfBlockOf[d], h);
            INDArrayIndex dlCols = block(d, h);
            kernel.get(NDArrayIndex.interval(0, nIn), tfCols).assign(w.get(NDArrayIndex.all(), dlCols));
            kernel.get(NDArrayIndex.interval(nIn, nIn + h), tfCols).assign(rw.get(NDArrayIndex.all(), dlCols));
        }
        return kernel;
    }

    private static void biasTo(int[] tfBlockOf, int forgetBlock, INDArray bias, INDArray b, double forgetBias) {
        int h = (int) (b.length() / 4);
        checkShape("bias", bias.reshape(bias.length()), 4L * h);
        INDArray flatTf = bias.reshape(1, 4L * h);
        for (int d = 0; d < 4; d++) {
            // views of b itself, so the write lands in place ([4h] or [1, 4h])
            INDArray dst = b.rank() == 1 ? b.get(block(d, h)) : b.get(NDArrayIndex.point(0), block(d, h));
            dst.assign(flatTf.get(NDArrayIndex.point(0), block(tfBlockOf[d], h)));
            if (d == forgetBlock && forgetBias != 0) {
                dst.addi(forgetBias);
            }
        }
    }

    private static INDArray biasFrom(int[] tfBlockOf, int forgetBlock, INDArray b, double forgetBias) {
        int h = (int) (b.length() / 4);
        INDArray flatDl = b.reshape(1, 4L * h);
        INDArray bias = Nd4j.create(b.dataType(), 1, 4L * h);
        for (int d = 0; d < 4; d++) {
            INDArray dst = bias.get(NDArrayIndex.point(0), block(tfBlockOf[d], h));
            dst.assign(flatDl.get(NDArrayIndex.point(0), block(d, h)));
            if (d == forgetBlock && forgetBias != 0) {
                dst.subi(forgetBias);
            }
        }
        return bias.reshape(4L * h);
    }

    private static INDArrayIndex block(int k, int h) {
        return NDArrayIndex.interval((long) k * h, (long) (k + 1) * h);
    }

    private static void checkShape(String what, INDArray a, long... expected) {
        if (!Arrays.equals(a.shape(), expected)) {
            throw new IllegalArgumentException("LSTM " + what + " has shape " + Arrays.toString(a.shape())
                    + ", expected " + Arrays.toString(expected));
        }
    }
}
