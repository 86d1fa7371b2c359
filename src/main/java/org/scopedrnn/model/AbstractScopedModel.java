package org.scopedrnn.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.scope.Variable;
import org.scopedrnn.scope.VariableStore;

/**
 * What every {@link ScopedModel} shares, written once (as DJL's {@code AbstractBaseBlock} saves and loads
 * parameters for every block): its own variable store, the graph, the bindings between them, and moving
 * weights in and out by canonical name. A model kind adds only its spec, how its graph is built, and how
 * a binding finds its DL4J parameter.
 */
public abstract sealed class AbstractScopedModel implements ScopedModel permits CharLstmModel, Seq2SeqModel {

    private final OptimizerSpec optimizer;
    private final VariableStore store;
    private final List<ParamBinding> bindings;
    private final ComputationGraph graph;

    AbstractScopedModel(OptimizerSpec optimizer, VariableStore store, List<ParamBinding> bindings,
            ComputationGraph graph) {
        this.optimizer = optimizer;
        this.store = store;
        this.bindings = List.copyOf(bindings);
        this.graph = graph;
    }

    @Override
    public OptimizerSpec optimizer() {
        return optimizer;
    }

    @Override
    public ComputationGraph graph() {
        return graph;
    }

    @Override
    public List<ParamBinding> bindings() {
        return bindings;
    }

    /** This model's variables, in declaration order (what {@code describe} prints); a shared one appears once. */
    public List<Variable> variables() {
        return store.variables();
    }

    /** Names of every variable, declaration order. */
    public List<String> variableNames() {
        var names = new ArrayList<String>(bindings.size());
        bindings.forEach(b -> names.add(b.variable()));
        return names;
    }

    /** Every variable's current value in canonical (TensorFlow) layout, in declaration order. */
    public Map<String, FloatTensor> weights() {
        var out = new LinkedHashMap<String, FloatTensor>();
        for (ParamBinding b : bindings) {
            out.put(b.variable(), Tensors.toTensor(b.read(this::param, false)));
        }
        return out;
    }

    /**
     * Sets every variable from canonical tensors. The names must be exactly this model's: missing
     * or unexpected names, and wrong shapes or types, are one error listing them all.
     */
    public void loadWeights(Map<String, ? extends Tensor> weights) {
        ParamBinding.requireMatching(bindings, weights, "the " + describeSpec());
        for (ParamBinding b : bindings) {
            b.write(Tensors.toArray((FloatTensor) weights.get(b.variable())), this::param, false);
        }
    }

    /** The DL4J array of parameter {@code key} of vertex {@code vertex} (a view: writes land in the graph). */
    abstract INDArray param(String vertex, String key);

    /** The kind of model and its architecture in a few words, for messages ("model 2 x LSTM(8), ..."). */
    abstract String describeSpec();
}
