package org.scopedrnn.model.internal;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation behind {@link org.scopedrnn.model.FusedLstm}: DL4J's LSTM function (gate blocks
 * a, f, o, g of {@code z = x W + h RW + b}; {@code c = f c' + g tanh(a)}... with sigmoid f, o, g and
 * tanh a; {@code h = o tanh(c)}) computed by an {@link LstmPass} (whole-sequence GEMMs, one recurrent
 * GEMM and one {@link CellKernel} pass per step, forward and backward) on the layer's parameters.
 * A training forward pass is kept for the backward pass that follows it. The pass's buffers live
 * outside DL4J's workspaces, owned by the layer and reused while batch size and length stay the
 * same; only the returned activations and input gradient are created in the workspaces DL4J asks
 * for. Masks, NWC data, other activations and truncated BPTT fall back to DL4J's own
 * implementation, which computes the same function.
 */
public final class FusedLstmLayer extends LSTM {

    private final LstmPass train;
    private final LstmPass infer;
    /** Input array (after dropout) whose training forward pass {@link #train} holds, or null. */
    private INDArray cachedInput;

    /** Selects the previous element-wise path (separate ND4J ops) for float data; for tests and measurements. */
    public static final String CELL_PROPERTY = "scopedrnn.lstm.cell";

    /**
     * Float data go through the {@link CellKernel} unless {@link #CELL_PROPERTY} was {@code nd4j} at
     * construction, on the CPU backend only: the kernel reads and writes the arrays' host memory,
     * which a CUDA backend does not keep current.
     */
    private final boolean javaKernel = !"nd4j".equals(System.getProperty(CELL_PROPERTY))
            && Nd4j.getEnvironment().isCPU();

    public FusedLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        train = new LstmPass(javaKernel);
        infer = new LstmPass(javaKernel);
    }

    private boolean supported() {
        var c = layerConf();
        return maskArray == null
                && TimeSeriesUtils.getFormatFromRnnLayer(c) == RNNFormat.NCW
                && c.getActivationFn() instanceof ActivationTanH
                && c.getGateActivationFn() instanceof ActivationSigmoid
                && input != null && input.rank() == 3
                && input.dataType() == params().dataType();
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!supported()) {
            cachedInput = null;
            return super.activate(training, workspaceMgr);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        LstmPass pass = training ? train : infer;
        forward(pass, training, null, null, workspaceMgr);
        cachedInput = training ? input : null;
        return output(pass, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        if (!supported()) {
            return super.rnnTimeStep(input, workspaceMgr);
        }
        forward(infer, false, stateMap.get(STATE_KEY_PREV_ACTIVATION), stateMap.get(STATE_KEY_PREV_MEMCELL),
                workspaceMgr);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            // copies: the buffers are overwritten by the next step, callers may keep the state
            stateMap.put(STATE_KEY_PREV_ACTIVATION, infer.lastH().dup());
            stateMap.put(STATE_KEY_PREV_MEMCELL, infer.lastC().dup());
        }
        return output(infer, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        cachedInput = null;
        return super.rnnActivateUsingStoredState(input, training, storeLastForTBPTT, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackwardLength,
            LayerWorkspaceMgr workspaceMgr) {
        cachedInput = null;
        return super.tbpttBackpropGradient(epsilon, tbpttBackwardLength, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!supported()) {
            cachedInput = null;
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        if (cachedInput != input) {
            applyDropOutIfNecessary(true, workspaceMgr);
            forward(train, true, null, null, workspaceMgr);
        }
        cachedInput = null;
        INDArray inputGrad = backward(train, epsilon, workspaceMgr);
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGrad));
    }

    private Gradient gradient;

    // ---------------------------------------------------------------- forward

    private void forward(LstmPass pass, boolean training, INDArray h0, INDArray c0, LayerWorkspaceMgr ws) {
        INDArray w = getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, training, ws);
        INDArray rw = getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, training, ws);
        INDArray bias = getParamWithNoise(LSTMParamInitializer.BIAS_KEY, training, ws);
        if (input.size(1) != w.size(0)) {
            throw new IllegalArgumentException("LSTM layer " + layerId() + " expects " + w.size(0)
                    + " inputs per step, got input of shape " + java.util.Arrays.toString(input.shape()));
        }
        pass.forward(input.permute(2, 0, 1), w, rw, bias, h0, c0, null);
    }

    /** The layer's activations {@code [B, h, T]}: a view of a time-major array in the activations workspace. */
    private INDArray output(LstmPass pass, LayerWorkspaceMgr ws) {
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, pass.dataType(),
                new long[] {pass.steps(), pass.batch(), hidden()}, 'c');
        out.assign(pass.output());
        return out.permute(1, 2, 0);
    }

    private int hidden() {
        return (int) layerConf().getNOut();
    }

    // ---------------------------------------------------------------- backward

    private INDArray backward(LstmPass pass, INDArray epsilon, LayerWorkspaceMgr ws) {
        INDArray w = getParamWithNoise(LSTMParamInitializer.INPUT_WEIGHT_KEY, true, ws);
        INDArray rw = getParamWithNoise(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, true, ws);
        INDArray gW = gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(LSTMParamInitializer.BIAS_KEY);
        pass.backward(epsilon.permute(2, 0, 1), null, null, rw, gW, gRW, gB, false);
        var g = new DefaultGradient();
        g.gradientForVariable().put(LSTMParamInitializer.INPUT_WEIGHT_KEY, gW);
        g.gradientForVariable().put(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, gRW);
        g.gradientForVariable().put(LSTMParamInitializer.BIAS_KEY, gB);
        gradient = g;
        int steps = pass.steps();
        INDArray dx = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, pass.dataType(),
                new long[] {steps, pass.batch(), w.size(0)}, 'c');
        pass.inputGradient(w, dx.reshape('c', (long) steps * pass.batch(), w.size(0)));
        return dx.permute(1, 2, 0);
    }
}
