package org.scopedrnn.model.internal;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-step recurrent GEMMs of the float fused layer straight through OpenBLAS's
 * {@code cblas_sgemm} (the library ND4J itself calls), skipping ND4J's matmul op, which at these
 * shapes ({@code [32,128]x[128,512]}, {@code [100,512]x[512,2048]}) took 1.3-1.8x the CPU time of
 * the same BLAS call. Works on whole, c-ordered arrays the layer owns (pointers taken once, moved
 * by element offsets), never on views: ND4J's address lookup crashes on some view buffers. The
 * recurrent weights are copied into such an array once per pass. A batch of one goes through
 * GEMV ({@code evaluate}'s single stream: 5x faster at anna's size, bench/results/evaluate.md).
 */
final class DirectGemm {

    private final int batch;
    private final int hidden;
    private final FloatPointer h;
    private final FloatPointer z;
    private final FloatPointer rw;
    private FloatPointer dz;
    private FloatPointer dh;

    /** Over {@code hAll [(T+1)B, h]}, {@code z [TB, 4h]} and {@code rwCopy [h, 4h]}, all whole and c-ordered. */
    DirectGemm(int batch, int hidden, INDArray hAll, INDArray z, INDArray rwCopy) {
        this.batch = batch;
        this.hidden = hidden;
        this.h = pointer(hAll);
        this.z = pointer(z);
        this.rw = pointer(rwCopy);
    }

    /** Adds the backward buffers {@code dz [TB, 4h]} and {@code dhAll [TB, h]}. */
    void backward(INDArray dzAll, INDArray dhAll) {
        dz = pointer(dzAll);
        dh = pointer(dhAll);
    }

    /** {@code z_t += h_{t-1} RW}: block t of z, block t of hAll (block 0 the initial state). */
    void forwardStep(int t) {
        int g4 = 4 * hidden;
        multiplyAdd(batch, hidden, g4, h.position((long) t * batch * hidden), rw.position(0),
                z.position((long) t * batch * g4));
    }

    /** {@code dh_t += dz_{t+1} RW^T}. */
    void backwardStep(int t) {
        int g4 = 4 * hidden;
        multiplyAddTransposed(batch, hidden, g4, dz.position((long) (t + 1) * batch * g4), rw.position(0),
                dh.position((long) t * batch * hidden));
    }

    /**
     * {@code y [rows, n] += x [rows, k] W [k, n]}, all row-major from position 0 of their pointers:
     * one GEMM, or for a single row a GEMV, which reads W once where OpenBLAS's GEMM packs all of it
     * first (at batch 1 the packing cost as much as the arithmetic).
     */
    static void multiplyAdd(int rows, int k, int n, FloatPointer x, FloatPointer w, FloatPointer y) {
        if (rows == 1) {
            cblas_sgemv(CblasRowMajor, CblasTrans, k, n, 1f, w, n, x, 1, 1f, y, 1);
        } else {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, n, k, 1f, x, k, w, n, 1f, y, n);
        }
    }

    /** {@code y [rows, k] += x [rows, n] W^T} for {@code W [k, n]}: {@link #multiplyAdd}'s transpose. */
    static void multiplyAddTransposed(int rows, int k, int n, FloatPointer x, FloatPointer w, FloatPointer y) {
        if (rows == 1) {
            cblas_sgemv(CblasRowMajor, CblasNoTrans, k, n, 1f, w, n, x, 1, 1f, y, 1);
        } else {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, k, n, 1f, x, n, w, n, 1f, y, k);
        }
    }

    private static FloatPointer pointer(INDArray whole) {
        return new FloatPointer(whole.data().addressPointer());
    }
}
