package org.scopedrnn.model;

import java.util.ArrayList;
import java.util.List;
import org.scopedrnn.scope.VariableScope;
import org.scopedrnn.scope.VariableStore;

/**
 * Declares a char-LSTM's variables through scopes, anna_writer.py's layout:
 * {@code {root}/rnn/multi_rnn_cell/cell_k/basic_lstm_cell/{kernel,bias}}, {@code softmax/weights},
 * {@code softmax/biases}, and {@code embedding} for embedding input. Returns how each variable is
 * bound to the DL4J graph's vertices ({@link CharLstmModel#lstmVertex}, {@code softmax},
 * {@code embedding}).
 */
public final class CharLstmVariables {

    public static final String SOFTMAX_VERTEX = "softmax";
    public static final String EMBEDDING_VERTEX = "embedding";

    private CharLstmVariables() {
    }

    /** Declares every variable of {@code spec} in {@code store}; fails on a scope collision. */
    public static List<ParamBinding> declare(CharLstmSpec spec, VariableStore store) {
        var bindings = new ArrayList<ParamBinding>();
        VariableScope root = store.root();
        if (spec.input() == InputKind.EMBEDDING) {
            var v = root.getVariable("embedding", spec.vocabSize(), spec.embeddingSize());
            bindings.add(new ParamBinding.Same(v.name(), EMBEDDING_VERTEX, "W", v.shape()));
        }
        VariableScope cells = root.scope(spec.rootScope()).uniqueScope("rnn").scope("multi_rnn_cell");
        int h = spec.hiddenSize();
        for (int k = 0; k < spec.layers(); k++) {
            int nIn = k == 0 ? spec.inputDepth() : h;
            VariableScope cell = cells.scope("cell_" + k).scope("basic_lstm_cell");
            var kernel = cell.getVariable("kernel", nIn + h, 4L * h);
            var bias = cell.getVariable("bias", 4L * h);
            bindings.add(new ParamBinding.LstmKernel(kernel.name(), CharLstmModel.lstmVertex(k), nIn, h));
            bindings.add(new ParamBinding.LstmBias(bias.name(), CharLstmModel.lstmVertex(k), h, spec.forgetBias()));
        }
        VariableScope softmax = root.scope("softmax");
        var w = softmax.getVariable("weights", h, spec.vocabSize());
        var b = softmax.getVariable("biases", spec.vocabSize());
        bindings.add(new ParamBinding.Same(w.name(), SOFTMAX_VERTEX, "W", w.shape()));
        bindings.add(new ParamBinding.Same(b.name(), SOFTMAX_VERTEX, "b", b.shape()));
        return List.copyOf(bindings);
    }
}
