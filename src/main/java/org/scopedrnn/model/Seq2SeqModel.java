package org.scopedrnn.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.scopedrnn.scope.VariableStore;

/**
 * An LSTM encoder-decoder: its own variable store, the DL4J graph that trains it, and the bindings
 * between the two. Weights move between models, checkpoints and {@code Seq2SeqDecoder}s by
 * canonical name.
 *
 * <p>The graph: inputs {@value #SOURCE} and {@value #TARGET_IN} -> one {@link Seq2SeqVertex}
 * ({@value #VERTEX}: embeddings, encoder, decoder; outputs {@code [B, h, Tt]}) -> {@code RnnOutputLayer}
 * ({@value #OUTPUT}: {@code fully_connected} projection, softmax, cross-entropy; output
 * probabilities {@code [B, Vt, Tt]}, NCW). Being a ComputationGraph, it trains under dl4j-spark's
 * parameter averaging. (The projection is a DL4J layer rather than part of the vertex followed by an
 * {@code RnnLossLayer}: M2's {@code fit} silently does nothing when no layer has parameters; see
 * {@link Seq2SeqVertex}.)
 *
 * <p>Data format (one {@code MultiDataSet} per batch; all arrays float):
 * <ul>
 * <li>features[0] {@value #SOURCE}: source ids {@code [B, 1, Ts]}, left-padded (pad value is
 * irrelevant, 0 is fine); features mask[0] {@code [B, Ts]}: 1 for real tokens, then 0s. Every source
 * needs at least one token. Without a mask every position counts.
 * <li>features[1] {@value #TARGET_IN}: decoder inputs {@code [B, 1, Tt]} = start id, y1 .. yn, then
 * padding; features mask[1] {@code [B, Tt]}: 1 for the first n + 1 positions (may be null).
 * <li>labels[0]: one-hot {@code [B, Vt, Tt]} of y1 .. yn, end id, then padding (all-zero columns are
 * fine); labels mask[0] {@code [B, Tt]}: 1 for the first n + 1 positions. Masked positions are not in
 * the loss (score = summed cross-entropy of unmasked steps / B).
 * </ul>
 * Start and end ids are the target vocabulary's (e.g. {@code <GO>} and {@code <EOS>}); the model does
 * not fix them. Batches may differ in Ts and Tt.
 */
public final class Seq2SeqModel extends AbstractScopedModel {

    public static final String SOURCE = Seq2SeqVertex.SOURCE;
    public static final String TARGET_IN = Seq2SeqVertex.TARGET_IN;
    public static final String VERTEX = "seq2seq";
    public static final String OUTPUT = "output";

    private final Seq2SeqSpec spec;

    private Seq2SeqModel(Seq2SeqSpec spec, OptimizerSpec optimizer, VariableStore store, List<ParamBinding> bindings,
            ComputationGraph graph) {
        super(optimizer, store, bindings, graph);
        this.spec = spec;
    }

    /** Builds and initialises a model; its variables are declared in a fresh store first. */
    public static Seq2SeqModel create(Seq2SeqSpec spec, OptimizerSpec optimizer) {
        return create(spec, optimizer, Seq2SeqVariables.Origins.CALL_SITE);
    }

    /**
     * As {@link #create(Seq2SeqSpec, OptimizerSpec)}, recording where the variables are defined
     * (config paths) for collision messages.
     */
    public static Seq2SeqModel create(Seq2SeqSpec spec, OptimizerSpec optimizer, Seq2SeqVariables.Origins origins) {
        return create(spec, optimizer, origins, DataType.FLOAT);
    }

    /** With a network data type: DOUBLE for gradient checks. */
    static Seq2SeqModel create(Seq2SeqSpec spec, OptimizerSpec optimizer, Seq2SeqVariables.Origins origins,
            DataType dataType) {
        var store = new VariableStore();
        List<ParamBinding> bindings = Seq2SeqVariables.declare(spec, store, origins);
        var graph = new ComputationGraph(configuration(spec, optimizer, Seq2SeqVariables.sharesLstm(bindings),
                dataType));
        graph.init();
        return new Seq2SeqModel(spec, optimizer, store, bindings, graph);
    }

    static ComputationGraphConfiguration configuration(Seq2SeqSpec spec, OptimizerSpec opt, boolean sharedLstm,
            DataType dataType) {
        var base = new NeuralNetConfiguration.Builder()
                .seed(opt.seed())
                .dataType(dataType)
                .updater(opt.updater())
                .weightInit(WeightInit.XAVIER);
        if (opt.clipNorm() > 0) {
            // per "layer": the vertex's gradients (embeddings + LSTMs) and the projection's are clipped separately
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(opt.clipNorm());
        }
        return base.graphBuilder()
                .addInputs(SOURCE, TARGET_IN)
                .addVertex(VERTEX, Seq2SeqVertex.of(spec, sharedLstm, opt.seed()), SOURCE, TARGET_IN)
                .addLayer(OUTPUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(spec.hiddenSize())
                        .nOut(spec.targetVocab())
                        .activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER)
                        .dataFormat(RNNFormat.NCW)
                        .build(), VERTEX)
                .setOutputs(OUTPUT)
                .build();
    }

    public Seq2SeqSpec spec() {
        return spec;
    }

    /** True if the decoder runs the encoder's LSTM variables (decoder scope reused the encoder's). */
    public boolean sharesLstm() {
        return Seq2SeqVariables.sharesLstm(bindings());
    }

    /** The total number of parameters (ComputationGraph.numParams() omits SameDiff vertices). */
    public long numParams() {
        return graph().params().length();
    }

    /** Copies weights from another model of the same architecture, by canonical name. */
    public void copyWeightsFrom(Seq2SeqModel other) {
        loadWeights(other.weights());
    }

    /** The DL4J array of parameter {@code key} of vertex {@code vertex} (a view: writes land in the graph). */
    @Override
    INDArray param(String vertex, String key) {
        GraphVertex v = graph().getVertex(vertex);
        if (v == null) {
            throw new IllegalStateException("graph has no vertex " + vertex);
        }
        INDArray p = v.paramTable(false).get(key);
        if (p == null) {
            throw new IllegalStateException("vertex " + vertex + " has no parameter " + key + " (has "
                    + v.paramTable(false).keySet() + ")");
        }
        return p;
    }

    @Override
    String describeSpec() {
        return "seq2seq model (source vocabulary " + spec.sourceVocab() + ", target vocabulary " + spec.targetVocab()
                + ", embedding " + spec.embeddingSize() + ", LSTM " + spec.hiddenSize()
                + (sharesLstm() ? ", decoder shares the encoder's LSTM" : "")
                + (spec.sharedEmbedding() ? ", shared embedding" : "") + ")";
    }
}
