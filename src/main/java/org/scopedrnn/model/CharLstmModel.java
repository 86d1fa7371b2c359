package org.scopedrnn.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.scopedrnn.model.internal.InvertedDropout;
import org.scopedrnn.scope.VariableStore;

/**
 * A char-LSTM: its own variable store (so any number of models coexist in one JVM), the DL4J
 * graph that computes it, and the bindings between the two. Weights move between models, and to
 * and from checkpoints, by canonical name.
 */
public final class CharLstmModel extends AbstractScopedModel {

    public static final String INPUT = "input";

    private final CharLstmSpec spec;
    private final LstmImpl impl;

    private CharLstmModel(CharLstmSpec spec, OptimizerSpec optimizer, LstmImpl impl, VariableStore store,
            List<ParamBinding> bindings, ComputationGraph graph) {
        super(optimizer, store, bindings, graph);
        this.spec = spec;
        this.impl = impl;
    }

    /** Builds and initialises a model with the fused LSTM layers; see {@link #create(CharLstmSpec, OptimizerSpec, LstmImpl)}. */
    public static CharLstmModel create(CharLstmSpec spec, OptimizerSpec optimizer) {
        return create(spec, optimizer, LstmImpl.FUSED);
    }

    /** Builds and initialises a model; its variables are declared in a fresh store first. */
    public static CharLstmModel create(CharLstmSpec spec, OptimizerSpec optimizer, LstmImpl impl) {
        var store = new VariableStore();
        List<ParamBinding> bindings = CharLstmVariables.declare(spec, store);
        var graph = new ComputationGraph(configuration(spec, optimizer, impl));
        graph.init();
        return new CharLstmModel(spec, optimizer, impl, store, bindings, graph);
    }

    /** DL4J vertex name of LSTM layer {@code k}. */
    public static String lstmVertex(int k) {
        return "lstm_" + k;
    }

    static ComputationGraphConfiguration configuration(CharLstmSpec spec, OptimizerSpec opt, LstmImpl impl) {
        var base = new NeuralNetConfiguration.Builder()
                .seed(opt.seed())
                .dataType(DataType.FLOAT)
                .updater(opt.updater())
                .weightInit(WeightInit.XAVIER);
        if (opt.clipNorm() > 0) {
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(opt.clipNorm());
        }
        var g = base.graphBuilder().addInputs(INPUT);
        String previous = INPUT;
        if (spec.input() == InputKind.EMBEDDING) {
            g.addLayer(CharLstmVariables.EMBEDDING_VERTEX, new EmbeddingSequenceLayer.Builder()
                    .nIn(spec.vocabSize()).nOut(spec.embeddingSize()).hasBias(false)
                    .activation(Activation.IDENTITY).build(), previous);
            previous = CharLstmVariables.EMBEDDING_VERTEX;
        }
        for (int k = 0; k < spec.layers(); k++) {
            var lstm = new LSTM.Builder()
                    .nIn(k == 0 ? spec.inputDepth() : spec.hiddenSize())
                    .nOut(spec.hiddenSize())
                    .activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID)
                    .forgetGateBiasInit(spec.forgetBias());
            if (k > 0 && spec.keepProb() < 1) {
                lstm.dropOut(new InvertedDropout(spec.keepProb())); // DL4J drops a layer's input: cell k-1's output
            }
            LSTM layer = lstm.build();
            g.addLayer(lstmVertex(k), impl == LstmImpl.FUSED ? FusedLstm.of(layer) : layer, previous);
            previous = lstmVertex(k);
        }
        var out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW)
                .nIn(spec.hiddenSize()).nOut(spec.vocabSize());
        if (spec.keepProb() < 1) {
            out.dropOut(new InvertedDropout(spec.keepProb()));
        }
        g.addLayer(CharLstmVariables.SOFTMAX_VERTEX, out.build(), previous);
        g.setOutputs(CharLstmVariables.SOFTMAX_VERTEX);
        // for embedding input this is the vocabulary too: DL4J sets the embedding's nIn from it
        g.setInputTypes(InputType.recurrent(spec.vocabSize()));
        return g.build();
    }

    public CharLstmSpec spec() {
        return spec;
    }

    /** Which code computes the LSTM layers (not part of the architecture: both compute the same). */
    public LstmImpl lstmImpl() {
        return impl;
    }

    /** Copies weights from another model of the same architecture, by canonical name. */
    public void copyWeightsFrom(CharLstmModel other) {
        loadWeights(other.weights());
    }

    @Override
    INDArray param(String vertex, String key) {
        INDArray p = graph().getLayer(vertex).getParam(key);
        if (p == null) {
            throw new IllegalStateException("DL4J vertex " + vertex + " has no parameter " + key);
        }
        return p;
    }

    @Override
    String describeSpec() {
        return "model " + spec.layers() + " x LSTM(" + spec.hiddenSize() + "), vocabulary " + spec.vocabSize()
                + ", " + spec.input().key() + " input";
    }
}
