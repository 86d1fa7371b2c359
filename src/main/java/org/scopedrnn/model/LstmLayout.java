package org.scopedrnn.model;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one place that knows how a TensorFlow LSTM cell's variables map onto DL4J's {@code LSTM}
 * layer parameters.
 *
 * <p>TensorFlow: {@code kernel [in + h, 4h]}, {@code bias [4h]}, gate blocks i, j, f, o, and the
 * forget bias added at run time (not stored). DL4J: {@code W [in, 4h]}, {@code RW [h, 4h]},
 * {@code b [1, 4h]}, gate blocks j, f, o, i (in TensorFlow's letters), forget bias folded into
 * {@code b}. Optimizer moments use the same permutation but never get the forget-bias shift.
 */
public final class LstmLayout {

    /** DL4J block d holds TensorFlow block {@code TF_BLOCK_OF_DL4J[d]} (i=0, j=1, f=2, o=3). */
    private static final int[] TF_BLOCK_OF_DL4J = {1, 2, 3, 0};
    private static final int DL4J_FORGET_BLOCK = 1;

    private LstmLayout() {
    }

    /** Writes TF {@code kernel} into DL4J {@code w} (input rows) and {@code rw} (recurrent rows), in place. */
    public static void kernelToDl4j(INDArray kernel, INDArray w, INDArray rw) {
        int nIn = (int) w.size(0);
        int h = (int) rw.size(0);
        checkShape("kernel", kernel, nIn + h, 4L * h);
        for (int d = 0; d < 4; d++) {
            INDArrayIndex tfCols = block(TF_BLOCK_OF_DL4J[d], h);
            INDArrayIndex dlCols = block(d, h);
            w.get(NDArrayIndex.all(), dlCols).assign(kernel.get(NDArrayIndex.interval(0, nIn), tfCols));
            rw.get(NDArrayIndex.all(), dlCols).assign(kernel.get(NDArrayIndex.interval(nIn, nIn + h), tfCols));
        }
    }

    /** A new TF {@code kernel [in + h, 4h]} from DL4J {@code w} and {@code rw}. */
    public static INDArray kernelFromDl4j(INDArray w, INDArray rw) {
        int nIn = (int) w.size(0);
        int h = (int) rw.size(0);
        INDArray kernel = Nd4j.create(w.dataType(), nIn + h, 4L * h);
        for (int d = 0; d < 4; d++) {
            INDArrayIndex tfCols = block(TF_BLOCK_OF_DL4J[d], h);
            INDArrayIndex dlCols = block(d, h);
            kernel.get(NDArrayIndex.interval(0, nIn), tfCols).assign(w.get(NDArrayIndex.all(), dlCols));
            kernel.get(NDArrayIndex.interval(nIn, nIn + h), tfCols).assign(rw.get(NDArrayIndex.all(), dlCols));
        }
        return kernel;
    }

    /**
     * Writes TF {@code bias [4h]} into DL4J {@code b [1, 4h]}, in place; {@code forgetBias} is added
     * to the forget block (pass 0 for optimizer moments).
     */
    public static void biasToDl4j(INDArray bias, INDArray b, double forgetBias) {
        int h = (int) (b.length() / 4);
        checkShape("bias", bias.reshape(bias.length()), 4L * h);
        INDArray flatTf = bias.reshape(1, 4L * h);
        for (int d = 0; d < 4; d++) {
            INDArray dst = b.get(NDArrayIndex.point(0), block(d, h));
            dst.assign(flatTf.get(NDArrayIndex.point(0), block(TF_BLOCK_OF_DL4J[d], h)));
            if (d == DL4J_FORGET_BLOCK && forgetBias != 0) {
                dst.addi(forgetBias);
            }
        }
    }

    /** A new TF {@code bias [4h]} from DL4J {@code b}; {@code forgetBias} is subtracted from the forget block. */
    public static INDArray biasFromDl4j(INDArray b, double forgetBias) {
        int h = (int) (b.length() / 4);
        INDArray flatDl = b.reshape(1, 4L * h);
        INDArray bias = Nd4j.create(b.dataType(), 1, 4L * h);
        for (int d = 0; d < 4; d++) {
            INDArray dst = bias.get(NDArrayIndex.point(0), block(TF_BLOCK_OF_DL4J[d], h));
            dst.assign(flatDl.get(NDArrayIndex.point(0), block(d, h)));
            if (d == DL4J_FORGET_BLOCK && forgetBias != 0) {
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
