package org.scopedrnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The encoder-decoder as one DL4J {@code SameDiffVertex}: embeddings, the encoder LSTM (final h and c
 * at each source's last step), and the decoder LSTM started from them and teacher-forced on
 * {@code target_in}. Output: the decoder's outputs {@code [B, h, Tt]} (NCW), which the graph's
 * {@code RnnOutputLayer} projects to the target vocabulary. Its runtime,
 * {@link Seq2SeqGraphVertex}, computes this on the project's LSTM kernel; the SameDiff graph
 * {@link #defineVertex} builds is the previous computation of the same function, still selectable.
 *
 * <p>Why the projection is not in the vertex (and no parameter-free {@code RnnLossLayer} follows):
 * DL4J M2's {@code ComputationGraph.fit} returns without training when {@code numParams()} is 0, and
 * that count covers layers only, never SameDiff vertices; a graph whose only trainable parameters
 * sit in a SameDiff vertex silently never learns.
 *
 * <p>Inputs (vertex input order): {@value #SOURCE} ids {@code [B, 1, Ts]} and {@value #TARGET_IN}
 * ids {@code [B, 1, Tt]}, as floats. Sources are left-padded: the source mask {@code [B, Ts]} is a
 * suffix of ones, so the last step is every source's own. The target mask passes through to the
 * loss layer. A decoder sharing the encoder's LSTM ({@link #isSharedLstm()}) runs the encoder's
 * parameters; a shared embedding likewise.
 *
 * <p>Parameters (SameDiff {@code lstmLayer} layout, see {@link LstmLayout}): {@code
 * encoderEmbedding}, {@code decoderEmbedding} (or one {@code embedding}), {@code encoderW [E, 4h]},
 * {@code encoderRW [h, 4h]}, {@code decoderW}, {@code decoderRW}; biases {@code encoderB [4h]},
 * {@code decoderB}. The forget bias is added at run time. Canonical names: {@link Seq2SeqVariables}.
 *
 * <p>A JavaBean (no-argument constructor, getters and setters) so the graph configuration survives
 * JSON, which is how Spark ships it; {@link #clone()} copies every field, including the updater
 * and gradient normalisation set by the global configuration.
 */
public class Seq2SeqVertex extends SameDiffVertex {

    public static final String SOURCE = "source";
    public static final String TARGET_IN = "target_in";

    /*
     * Parameter keys must not contain '_': DL4J's updater splits gradient keys "<vertex>_<param>" at the
     * last underscore to find the vertex.
     */
    /** Parameter-key prefixes of the two LSTMs: {@code encoderW}, {@code encoderRW}, {@code encoderB}. */
    public static final String ENCODER = "encoder";
    public static final String DECODER = "decoder";
    public static final String ENCODER_EMBEDDING = "encoderEmbedding";
    public static final String DECODER_EMBEDDING = "decoderEmbedding";
    public static final String SHARED_EMBEDDING = "embedding";

    private int sourceVocab;
    private int targetVocab;
    private int embeddingSize;
    private int hiddenSize;
    private boolean sharedEmbedding;
    private boolean sharedLstm;
    private double forgetBias = Seq2SeqSpec.FORGET_BIAS;
    private long seed;

    /** For JSON; use {@link #of}. */
    public Seq2SeqVertex() {
    }

    /** The vertex computing {@code spec}; {@code sharedLstm} when the decoder reuses the encoder's variables. */
    public static Seq2SeqVertex of(Seq2SeqSpec spec, boolean sharedLstm, long seed) {
        var v = new Seq2SeqVertex();
        v.sourceVocab = spec.sourceVocab();
        v.targetVocab = spec.targetVocab();
        v.embeddingSize = spec.embeddingSize();
        v.hiddenSize = spec.hiddenSize();
        v.sharedEmbedding = spec.sharedEmbedding();
        v.sharedLstm = sharedLstm;
        v.forgetBias = Seq2SeqSpec.FORGET_BIAS;
        v.seed = seed;
        return v;
    }

    @Override
    public void defineParametersAndInputs(SDVertexParams params) {
        params.clear();
        params.defineInputs(SOURCE, TARGET_IN);
        long e = embeddingSize;
        long h = hiddenSize;
        if (sharedEmbedding) {
            params.addWeightParam(SHARED_EMBEDDING, sourceVocab, e);
        } else {
            params.addWeightParam(ENCODER_EMBEDDING, sourceVocab, e);
            params.addWeightParam(DECODER_EMBEDDING, targetVocab, e);
        }
        params.addWeightParam(ENCODER + "W", e, 4 * h);
        params.addWeightParam(ENCODER + "RW", h, 4 * h);
        if (!sharedLstm) {
            params.addWeightParam(DECODER + "W", e, 4 * h);
            params.addWeightParam(DECODER + "RW", h, 4 * h);
        }
        params.addBiasParam(ENCODER + "B", 4 * h);
        if (!sharedLstm) {
            params.addBiasParam(DECODER + "B", 4 * h);
        }
    }

    /**
     * Glorot-uniform weights with TensorFlow's fans (an LSTM's W and RW share the fans of its one
     * {@code kernel [E + h, 4h]}), zero biases; deterministic in {@link #getSeed()}.
     */
    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int k = 0;
            for (Map.Entry<String, INDArray> entry : params.entrySet()) {
                String key = entry.getKey();
                INDArray p = entry.getValue();
                k++;
                if (getVertexParams().isBiasParam(key)) {
                    p.assign(0);
                    continue;
                }
                long fanIn;
                long fanOut;
                if (key.endsWith("W") && (key.startsWith(ENCODER) || key.startsWith(DECODER))) {
                    fanIn = embeddingSize + hiddenSize;
                    fanOut = 4L * hiddenSize;
                } else {
                    fanIn = p.size(0);
                    fanOut = p.size(1);
                }
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                var rnd = new Random(seed * 1_000_003L + k);
                double[] values = new double[(int) p.length()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (rnd.nextDouble() * 2 - 1) * limit;
                }
                p.assign(Nd4j.createFromArray(values).castTo(p.dataType()).reshape('c', p.shape()));
            }
        }
    }

    @Override
    public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> layerInput, Map<String, SDVariable> paramTable,
            Map<String, SDVariable> maskVars) {
        SDVariable source = layerInput.get(SOURCE);
        SDVariable targetIn = layerInput.get(TARGET_IN);
        SDVariable encEmbedding = paramTable.get(sharedEmbedding ? SHARED_EMBEDDING : ENCODER_EMBEDDING);
        SDVariable decEmbedding = paramTable.get(sharedEmbedding ? SHARED_EMBEDDING : DECODER_EMBEDDING);

        // ids [B, 1, T] -> int [B, T] -> embedded [B, T, E] (NTS); no static time length is used anywhere,
        // since the placeholders keep the first batch's T
        SDVariable encX = embed(sd, encEmbedding, source);
        SDVariable decX = embed(sd, decEmbedding, targetIn);

        SDVariable forgetOffsets = sd.constant("forget_bias_offsets",
                LstmLayout.sameDiffForgetOffsets(hiddenSize, forgetBias, encEmbedding.dataType()));
        SDVariable[] encoded = encode(sd, encX, maskVars.get(SOURCE), paramTable, forgetOffsets);
        SDVariable encH = encoded[0];
        SDVariable encC = encoded[1];

        LSTMLayerWeights decWeights = LSTMLayerWeights.builder()
                .weights(paramTable.get(lstmOf(DECODER) + "W"))
                .rWeights(paramTable.get(lstmOf(DECODER) + "RW"))
                .bias(paramTable.get(lstmOf(DECODER) + "B").add(forgetOffsets))
                .build();

        SDVariable decoded = FixedLstmLayer.apply(sd, decX, encH, encC, null, decWeights,
                lstmConfig(true, false, false))[0]; // [B, Tt, h]
        // DL4J's SameDiffGraphVertex.doBackward reads a gradient for every vertex input and fails with a
        // NullPointerException if there is none; ids reach the graph only through an integer cast, so
        // tie them in with a term that is exactly zero ([B, 1, 1], built like the lengths above, no
        // slicing): their gradient is then an (unused) array of zeros
        SDVariable inputAnchor = sd.expandDims(sd.expandDims(zeroPerRow(sd, source).add(zeroPerRow(sd, targetIn)),
                1), 2);
        // DL4J M2 doubles the gradients of every SameDiff vertex; Seq2SeqGraphVertex halves them again
        return sd.permute(decoded, 0, 2, 1).add("decoder_output", inputAnchor); // [B, h, Tt]
    }

    /** The parameter-key prefix of {@code side}'s LSTM: a decoder sharing the encoder's runs the encoder's. */
    private String lstmOf(String side) {
        return sharedLstm ? ENCODER : side;
    }

    /**
     * The encoder's final (h, c) at each source's last real step. Sources arrive left-padded with a
     * suffix-of-ones mask {@code [B, Ts]}, so the last step is every source's own. libnd4j's
     * {@code lstmLayer} with sequence lengths runs one example at a time (rank-1 cells; its backward
     * pass adds a [h, 4h] outer product per example and step) and took most of a training step, so no
     * lengths are passed: the bias becomes a weight row fed by the mask. At a padding step the input
     * is all zeros and so is the state, hence every gate sum is 0, g = tanh(0) = 0 and the state
     * stays exactly zero until the source starts. (Left-aligning right-padded rows in the graph with
     * reverse_sequence failed at random in libnd4j M2, "parallel_for got start &gt; stop".)
     */
    private SDVariable[] encode(SameDiff sd, SDVariable embedded, SDVariable mask, Map<String, SDVariable> paramTable,
            SDVariable forgetOffsets) {
        SDVariable mask3d = sd.reshape(mask, sd.concat(0, sd.shape(mask).castTo(DataType.INT64),
                sd.constant(Nd4j.createFromArray(1L)))); // [B, Ts, 1]
        SDVariable input = sd.concat(2, embedded.mul(mask3d), mask3d); // [B, Ts, E + 1]
        SDVariable bias = sd.reshape(paramTable.get(ENCODER + "B").add(forgetOffsets), 1, 4L * hiddenSize);
        LSTMLayerWeights weights = LSTMLayerWeights.builder()
                .weights(sd.concat(0, paramTable.get(ENCODER + "W"), bias)) // [E + 1, 4h]
                .rWeights(paramTable.get(ENCODER + "RW"))
                .build();
        return FixedLstmLayer.apply(sd, input, null, null, null, weights, lstmConfig(false, true, true));
    }

    /** Builds the runtime vertex: the LSTM kernel, or DL4J's SameDiff vertex with its gradient doubling undone. */
    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new Seq2SeqGraphVertex(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    /**
     * ids {@code [B, 1, T]} -> {@code [B, T, E]}. The lookup is a gather over the flattened ids: the
     * gradient of a gather with 2-D indices is wrong in ND4J M2 (Gather.doDiff permutes the incoming
     * gradient with the table's rank; uninitialised values came back).
     */
    private SDVariable embed(SameDiff sd, SDVariable table, SDVariable ids) {
        SDVariable ids2d = sd.squeeze(ids, 1); // [B, T]
        SDVariable flat = sd.reshape(ids2d, -1).castTo(DataType.INT64); // [B * T]
        SDVariable rows = sd.gather(table, flat, 0); // [B * T, E]
        SDVariable shape = sd.concat(0, sd.shape(ids2d).castTo(DataType.INT64),
                sd.constant(Nd4j.createFromArray((long) embeddingSize)));
        return sd.reshape(rows, shape); // [B, T, E]
    }

    /** Zeros {@code [B]} that depend (with zero gradient) on ids {@code [B, 1, T]}. */
    private static SDVariable zeroPerRow(SameDiff sd, SDVariable ids) {
        SDVariable zeros = sd.zerosLike(sd.squeeze(ids, 1)); // [B, T]
        return sd.math().diagPart(sd.mmul(zeros, zeros, false, true, false));
    }

    private static LSTMLayerConfig lstmConfig(boolean fullSequence, boolean lastH, boolean lastC) {
        return LSTMLayerConfig.builder()
                .lstmdataformat(LSTMDataFormat.NTS)
                .directionMode(LSTMDirectionMode.FWD)
                .gateAct(LSTMActivations.SIGMOID)
                .cellAct(LSTMActivations.TANH)
                .outAct(LSTMActivations.TANH)
                .retFullSequence(fullSequence)
                .retLastH(lastH)
                .retLastC(lastC)
                .build();
    }

    /** The output's time axis is the target's: pass the target mask on (the loss layer uses the label mask). */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        if (maskArrays == null || maskArrays.length < 2 || maskArrays[1] == null) {
            return new Pair<>(null, currentMaskState);
        }
        return new Pair<>(maskArrays[1], currentMaskState);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        long length = -1;
        if (vertexInputs.length > 1 && vertexInputs[1] instanceof InputType.InputTypeRecurrent r) {
            length = r.getTimeSeriesLength();
        }
        return InputType.recurrent(hiddenSize, length);
    }

    @Override
    public Seq2SeqVertex clone() {
        var v = new Seq2SeqVertex();
        v.sourceVocab = sourceVocab;
        v.targetVocab = targetVocab;
        v.embeddingSize = embeddingSize;
        v.hiddenSize = hiddenSize;
        v.sharedEmbedding = sharedEmbedding;
        v.sharedLstm = sharedLstm;
        v.forgetBias = forgetBias;
        v.seed = seed;
        // SameDiffVertex's own state: without it a cloned graph has no updater ("Updater for parameter
        // ... was null") and no gradient clipping
        v.setName(getName());
        v.setUpdater(updater == null ? null : updater.clone());
        v.setBiasUpdater(biasUpdater == null ? null : biasUpdater.clone());
        v.setRegularization(copy(regularization));
        v.setRegularizationBias(copy(regularizationBias));
        v.setGradientNormalization(gradientNormalization);
        v.setGradientNormalizationThreshold(gradientNormalizationThreshold);
        v.setDataType(dataType);
        return v;
    }

    private static List<Regularization> copy(List<Regularization> list) {
        return list == null ? null : new ArrayList<>(list.stream().map(Regularization::clone).toList());
    }

    public int getSourceVocab() {
        return sourceVocab;
    }

    public void setSourceVocab(int sourceVocab) {
        this.sourceVocab = sourceVocab;
    }

    public int getTargetVocab() {
        return targetVocab;
    }

    public void setTargetVocab(int targetVocab) {
        this.targetVocab = targetVocab;
    }

    public int getEmbeddingSize() {
        return embeddingSize;
    }

    public void setEmbeddingSize(int embeddingSize) {
        this.embeddingSize = embeddingSize;
    }

    public int getHiddenSize() {
        return hiddenSize;
    }

    public void setHiddenSize(int hiddenSize) {
        this.hiddenSize = hiddenSize;
    }

    public boolean isSharedEmbedding() {
        return sharedEmbedding;
    }

    public void setSharedEmbedding(boolean sharedEmbedding) {
        this.sharedEmbedding = sharedEmbedding;
    }

    public boolean isSharedLstm() {
        return sharedLstm;
    }

    public void setSharedLstm(boolean sharedLstm) {
        this.sharedLstm = sharedLstm;
    }

    public double getForgetBias() {
        return forgetBias;
    }

    public void setForgetBias(double forgetBias) {
        this.forgetBias = forgetBias;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Seq2SeqVertex v) || !super.equals(o)) {
            return false;
        }
        return sourceVocab == v.sourceVocab && targetVocab == v.targetVocab && embeddingSize == v.embeddingSize
                && hiddenSize == v.hiddenSize && sharedEmbedding == v.sharedEmbedding && sharedLstm == v.sharedLstm
                && Double.compare(forgetBias, v.forgetBias) == 0 && seed == v.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), sourceVocab, targetVocab, embeddingSize, hiddenSize, sharedEmbedding,
                sharedLstm, forgetBias, seed);
    }

    @Override
    public String toString() {
        return "Seq2SeqVertex(source " + sourceVocab + ", target " + targetVocab + ", E " + embeddingSize + ", h "
                + hiddenSize + (sharedEmbedding ? ", shared embedding" : "") + (sharedLstm ? ", shared LSTM" : "")
                + ")";
    }
}
