package org.scopedrnn.model;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.scopedrnn.model.internal.EncoderDecoder;

/**
 * The runtime of a {@link Seq2SeqVertex}. By default it computes the encoder-decoder on the
 * project's LSTM kernel ({@link EncoderDecoder}: input projections of all steps in one GEMM, one
 * recurrent GEMM and one pass for all gates per step, forward and backward), on the vertex's
 * parameters in their SameDiff layout, so checkpoints, Adam slots and dl4j-spark see no difference.
 * With {@code -D}{@value #IMPL_PROPERTY}{@code =samediff} at construction it runs DL4J's SameDiff
 * vertex instead (the graph {@link Seq2SeqVertex#defineVertex} builds): the previous path, kept so
 * tests can hold the kernel against it.
 *
 * <p>On the SameDiff path, the gradient doubling of DL4J/ND4J 1.0.0-M2 is undone: the
 * {@code ExternalErrorsFunction} that feeds the vertex both registers the error placeholder as its
 * input's gradient and returns it, and SameDiff adds the two ({@code add(out-grad, out-grad)}), so
 * every parameter gradient and input error of a SameDiff vertex is twice the true one (checked
 * against finite differences). This class looks for exactly that addition in the gradient function
 * and, if present, halves what {@code doBackward} returns, so an ND4J without the bug is left alone.
 */
final class Seq2SeqGraphVertex extends SameDiffGraphVertex {

    /** System property selecting the computation: {@code kernel} (default) or {@code samediff}. */
    static final String IMPL_PROPERTY = "scopedrnn.seq2seq.impl";

    private final Seq2SeqVertex conf;
    private final boolean sameDiffPath = "samediff".equals(System.getProperty(IMPL_PROPERTY));
    private final EncoderDecoder train;
    private final EncoderDecoder infer;
    /** The inputs whose training forward pass {@link #train} holds, or null. */
    private INDArray[] trained;
    private Boolean doubled;

    Seq2SeqGraphVertex(Seq2SeqVertex config, ComputationGraph graph, String name, int vertexIndex,
            INDArray paramsView, boolean initParams, DataType dataType) {
        super(config, graph, name, vertexIndex, paramsView, initParams, dataType);
        this.conf = config;
        // the Java cell kernel reads host memory, which a CUDA backend does not keep current
        boolean javaKernel = Nd4j.getEnvironment().isCPU();
        this.train = new EncoderDecoder(config.getForgetBias(), javaKernel);
        this.infer = new EncoderDecoder(config.getForgetBias(), javaKernel);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (sameDiffPath) {
            return super.doForward(training, workspaceMgr);
        }
        EncoderDecoder pass = training ? train : infer;
        INDArray out = pass.forward(roles(paramTable), inputs[0], inputs[1], sourceMask());
        trained = training ? inputs.clone() : trained;
        INDArray act = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, out.dataType(), out.shape(), 'c');
        act.assign(out);
        return act.permute(1, 2, 0); // [B, h, Tt]
    }

    /** True while this vertex computes on the LSTM kernel and has never built its SameDiff graph. */
    boolean onKernel() {
        return !sameDiffPath && sameDiff == null;
    }

    private INDArray sourceMask() {
        return maskArrays == null || maskArrays.length == 0 ? null : maskArrays[0];
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (sameDiffPath) {
            return halved(super.doBackward(tbptt, workspaceMgr));
        }
        if (trained == null || trained[0] != inputs[0] || trained[1] != inputs[1]) {
            train.forward(roles(paramTable), inputs[0], inputs[1], sourceMask());
        }
        trained = null;
        train.backward(roles(gradTable), epsilon.permute(2, 0, 1));
        Gradient g = new DefaultGradient();
        for (String key : paramTable.keySet()) {
            g.gradientForVariable().put(key, gradTable.get(key));
        }
        // ids have no gradient; DL4J still expects an array per input
        INDArray[] inputErrors = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inputErrors[i] = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, inputs[i].dataType(), inputs[i].shape());
        }
        return new Pair<>(g, inputErrors);
    }

    /** The vertex's parameter (or gradient) arrays by role; a shared LSTM or embedding fills both roles. */
    private EncoderDecoder.Params roles(Map<String, INDArray> table) {
        boolean sharedEmb = conf.isSharedEmbedding();
        String dec = conf.isSharedLstm() ? Seq2SeqVertex.ENCODER : Seq2SeqVertex.DECODER;
        String enc = Seq2SeqVertex.ENCODER;
        return new EncoderDecoder.Params(
                table.get(sharedEmb ? Seq2SeqVertex.SHARED_EMBEDDING : Seq2SeqVertex.ENCODER_EMBEDDING),
                table.get(sharedEmb ? Seq2SeqVertex.SHARED_EMBEDDING : Seq2SeqVertex.DECODER_EMBEDDING),
                table.get(enc + "W"), table.get(enc + "RW"), table.get(enc + "B"),
                table.get(dec + "W"), table.get(dec + "RW"), table.get(dec + "B"));
    }

    private Pair<Gradient, INDArray[]> halved(Pair<Gradient, INDArray[]> out) {
        if (doubled == null) {
            doubled = errorIsAddedToItself(sameDiff, fn.getGradPlaceholderName());
        }
        if (doubled) {
            // the gradient arrays are views of the network's gradient buffer: halve in place
            out.getFirst().gradientForVariable().values().forEach(g -> g.divi(2));
            for (INDArray e : out.getSecond()) {
                if (e != null) {
                    e.divi(2);
                }
            }
        }
        return out;
    }

    /** True if the gradient function adds the external error placeholder to itself. */
    static boolean errorIsAddedToItself(SameDiff sd, String errorName) {
        SameDiff grad = sd.getFunction("grad");
        if (grad == null) {
            return false;
        }
        for (SameDiffOp op : grad.getOps().values()) {
            List<String> inputs = op.getInputsToOp();
            if (op.getOp() instanceof AddOp && inputs != null && inputs.size() == 2
                    && inputs.get(0).equals(errorName) && inputs.get(1).equals(errorName)) {
                return true;
            }
        }
        return false;
    }
}
