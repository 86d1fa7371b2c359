package org.scopedrnn.model;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scopedrnn.model.internal.DenseKernel;
import org.scopedrnn.model.internal.StepKernel;

/**
 * One LSTM layer's weights prepared for step-by-step inference (sampling, greedy and beam
 * decoding) on the same kernel that trains: per step one GEMM for the recurrent part (and one for a
 * dense input), then one pass for all gates and the cell update. Inputs that are ids (characters,
 * tokens) are rows of a table computed once ({@code embedding W + b}, or {@code W + b} for one-hot
 * input), so such a layer does one GEMM per step.
 *
 * <p>Immutable and shareable between threads; each thread steps through its own {@link Run}.
 * State rows ({@code h}, {@code c}: {@code float[rows * hidden]}) belong to the caller.
 */
public final class SteppedLstm {

    private final int inputs;
    private final int hidden;
    private final FloatPointer w;
    private final FloatPointer rw;
    private final float[] bias;
    private final float[] table;

    private SteppedLstm(int inputs, int hidden, FloatPointer w, FloatPointer rw, float[] bias, float[] table) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.w = w;
        this.rw = rw;
        this.bias = bias;
        this.table = table;
    }

    /**
     * From DL4J {@code LSTM} parameters ({@code W [in, 4h]}, {@code RW [h, 4h]}, {@code b [1, 4h]}
     * with the forget bias folded in), for dense inputs {@code [rows, in]}.
     */
    public static SteppedLstm ofDl4j(INDArray w, INDArray rw, INDArray b) {
        int h = (int) rw.size(0);
        return new SteppedLstm((int) w.size(0), h, pointer(w), pointer(rw), floats(b), null);
    }

    /**
     * From a TensorFlow cell ({@code kernel [in + h, 4h]}, {@code bias [4h]}, gates i, j, f, o,
     * {@code forgetBias} added at run time), converted by {@link LstmLayout}.
     */
    public static SteppedLstm ofTensorFlow(INDArray kernel, INDArray bias, int inputs, double forgetBias) {
        int h = (int) (kernel.size(1) / 4);
        INDArray w = Nd4j.create(DataType.FLOAT, inputs, 4L * h);
        INDArray rw = Nd4j.create(DataType.FLOAT, h, 4L * h);
        INDArray b = Nd4j.create(DataType.FLOAT, 1, 4L * h);
        LstmLayout.kernelToDl4j(kernel.castTo(DataType.FLOAT), w, rw);
        LstmLayout.biasToDl4j(bias.castTo(DataType.FLOAT), b, forgetBias);
        return ofDl4j(w, rw, b);
    }

    /**
     * The same layer fed ids: row {@code k} of {@code embedding [ids, in]} is id {@code k}'s input,
     * or, with a null embedding, id {@code k} is a one-hot input (row {@code k} of {@code W}).
     */
    public SteppedLstm withIdInputs(INDArray embedding) {
        INDArray wArray = Nd4j.create(floats(w, (long) inputs * 4 * hidden), inputs, 4L * hidden);
        INDArray projected = embedding == null ? wArray : embedding.castTo(DataType.FLOAT).mmul(wArray);
        INDArray withBias = projected.addRowVector(Nd4j.create(bias, 1, 4L * hidden));
        return new SteppedLstm(inputs, hidden, w, rw, bias, floats(withBias));
    }

    public int hidden() {
        return hidden;
    }

    public int inputs() {
        return inputs;
    }

    /** Scratch for stepping up to {@code capacity} rows at a time, for one thread. */
    public Run run(int capacity) {
        return new Run(new StepKernel(w, rw, bias, table, inputs, hidden, capacity));
    }

    /** Steps of this layer for one thread; the state arrays are updated in place. */
    public static final class Run {
        private final StepKernel kernel;

        private Run(StepKernel kernel) {
            this.kernel = kernel;
        }

        /** One step of {@code rows} rows fed {@code ids[0..rows)}: {@code c} and {@code h} advance in place. */
        public void step(int rows, int[] ids, float[] h, float[] c) {
            kernel.stepIds(rows, ids, h, c);
        }

        /** One step of {@code rows} rows fed {@code input [rows * inputs]} (e.g. the layer below's h). */
        public void step(int rows, float[] input, float[] h, float[] c) {
            kernel.stepInputs(rows, input, h, c);
        }
    }

    /** An output projection {@code y = x W + b} ({@code W [in, out]}) for step-by-step inference. */
    public static final class Dense {
        private final FloatPointer w;
        private final float[] bias;
        private final int inputs;
        private final int outputs;

        public Dense(INDArray w, INDArray b) {
            this.w = pointer(w);
            this.bias = floats(b);
            this.inputs = (int) w.size(0);
            this.outputs = (int) w.size(1);
        }

        public int outputs() {
            return outputs;
        }

        /** Scratch for projecting up to {@code capacity} rows at a time, for one thread. */
        public Projection run(int capacity) {
            return new Projection(new DenseKernel(w, bias, inputs, outputs, capacity));
        }
    }

    /** A {@link Dense} projection for one thread. */
    public static final class Projection {
        private final DenseKernel kernel;

        private Projection(DenseKernel kernel) {
            this.kernel = kernel;
        }

        /** {@code out [rows * outputs] = in [rows * inputs] W + b}. */
        public void apply(int rows, float[] in, float[] out) {
            kernel.apply(rows, in, out);
        }
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static FloatPointer pointer(INDArray a) {
        return new FloatPointer(floats(a));
    }

    private static float[] floats(FloatPointer p, long n) {
        float[] out = new float[(int) n];
        p.get(out);
        return out;
    }
}
