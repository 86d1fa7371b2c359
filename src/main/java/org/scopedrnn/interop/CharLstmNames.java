package org.scopedrnn.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.scopedrnn.checkpoint.Bounded;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.model.AdamSlots;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.CharLstmVariables;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.scope.ScopeNames;
import org.scopedrnn.scope.VariableStore;

/**
 * Char-LSTM checkpoints written by other software: recognizes their naming scheme, infers the
 * architecture from names and shapes alone, and translates names to and from the canonical ones
 * ({@link CharLstmVariables}). Values are never touched: a translated tensor is the very same
 * (immutable) tensor under another name, so a round trip is bit-identical.
 *
 * <p>Naming schemes:
 * <ul>
 *   <li>{@link NamingScheme#ANNA} (anna_writer.py, TensorFlow checkpoints): the canonical names,
 *       {@code {root}/rnn/multi_rnn_cell/cell_k/basic_lstm_cell/kernel|bias}, {@code softmax/weights},
 *       {@code softmax/biases}, optional {@code embedding}; any root scope. TensorFlow before 1.2
 *       called the cell's variables {@code weights|biases}; both spellings are read.
 *   <li>{@link NamingScheme#ML5} (ml5.js char-RNN, from char-rnn-tensorflow's {@code rnnlm} model):
 *       {@code rnnlm/multi_rnn_cell/cell_k/basic_lstm_cell/kernel|bias} (or {@code weights|biases}),
 *       {@code rnnlm/softmax_w [h, vocab]}, {@code rnnlm/softmax_b [vocab]}, {@code embedding
 *       [vocab, e]}, and a scalar {@code Variable} (the learning rate; ignored).
 * </ul>
 * In both, optimizer and bookkeeping entries ({@code <var>/Adam}, {@code <var>/Adam_1},
 * {@code beta1_power}, {@code beta2_power}, {@code global_step}, {@code Variable}) are not weights.
 * Both use TensorFlow's BasicLSTMCell (gates i, j, f, o) with forget bias 1.0 added at run time,
 * so the recognized spec has {@code forgetBias} 1.0; dropout is not stored, so {@code keepProb}
 * is 1.0.
 */
public final class CharLstmNames {

    /** Where a checkpoint's names come from. */
    public enum NamingScheme {
        /** anna_writer.py / this project's canonical names, any root scope. */
        ANNA,
        /** ml5.js's char-RNN ({@code rnnlm/...}). */
        ML5
    }

    /**
     * What {@link #recognize} found.
     *
     * @param spec the architecture (keepProb 1.0, forgetBias 1.0; root scope the source's for
     *     {@link NamingScheme#ANNA}, {@link CharLstmSpec#DEFAULT_ROOT_SCOPE} for {@link NamingScheme#ML5})
     * @param layout the naming layout of the source
     * @param canonicalToSource every canonical weight name of {@code spec}, in declaration order
     *     (that of {@link CharLstmModel#variableNames()}), to the source name holding it
     * @param ignored source names that are not weights (optimizer state, bookkeeping), in source order
     */
    public record Recognized(CharLstmSpec spec, NamingScheme scheme, Map<String, String> canonicalToSource,
            List<String> ignored) {

        public Recognized {
            if (spec == null || scheme == null || canonicalToSource == null || ignored == null) {
                throw new IllegalArgumentException("spec, layout, canonicalToSource and ignored must not be null");
            }
            canonicalToSource = Collections.unmodifiableMap(new LinkedHashMap<>(canonicalToSource));
            ignored = List.copyOf(ignored);
        }
    }

    static final String ML5_ROOT = "rnnlm";
    static final String EMBEDDING = "embedding";
    static final String ANNA_SOFTMAX_W = ScopeNames.qualify("softmax", "weights");
    static final String ANNA_SOFTMAX_B = ScopeNames.qualify("softmax", "biases");
    static final String ML5_SOFTMAX_W = ScopeNames.qualify(ML5_ROOT, "softmax_w");
    static final String ML5_SOFTMAX_B = ScopeNames.qualify(ML5_ROOT, "softmax_b");
    /** ml5's learning-rate variable. */
    static final String ML5_LEARNING_RATE = "Variable";
    static final Set<String> BOOKKEEPING = Set.of(ML5_LEARNING_RATE, AdamSlots.BETA1_POWER,
            AdamSlots.BETA2_POWER, AdamSlots.GLOBAL_STEP);

    static final String CELL_TAIL = "multi_rnn_cell/cell_(0|[1-9][0-9]{0,5})/basic_lstm_cell/"
            + "(kernel|bias|weights|biases)";
    static final Pattern ANNA_CELL = Pattern.compile("(.+)/rnn/" + CELL_TAIL);
    static final Pattern ML5_CELL = Pattern.compile(ML5_ROOT + "/" + CELL_TAIL);

    private CharLstmNames() {
    }

    // ---- recognize ----

    /**
     * Infers layers, hidden size, input kind, embedding size and vocabulary size from names and
     * shapes alone.
     *
     * @throws IllegalArgumentException if the variables are not a char-LSTM in a known layout: an
     *     unknown or missing name, non-contiguous layers, a non-float32 weight or inconsistent
     *     shapes; the message lists every problem, every variable found (name and shape) and what
     *     the layout expects
     */
    public static Recognized recognize(Map<String, ? extends Tensor> variables) {
        return SchemeRecognizer.recognize(variables);
    }

    /** Optimizer state and bookkeeping: never a weight. */
    static boolean isBookkeeping(String name) {
        return BOOKKEEPING.contains(name)
                || name.endsWith("/" + AdamSlots.FIRST_MOMENT) || name.endsWith("/" + AdamSlots.SECOND_MOMENT);
    }

    static String cellName(NamingScheme scheme, String root, int k, String part) {
        return scheme == NamingScheme.ML5
                ? ScopeNames.qualify(ML5_ROOT, "multi_rnn_cell", "cell_" + k, "basic_lstm_cell", part)
                : ScopeNames.qualify(root, "rnn", "multi_rnn_cell", "cell_" + k, "basic_lstm_cell", part);
    }

    /** The softmax layer's weights (DL4J key {@code W}) rather than its biases. */
    static boolean isSoftmaxWeights(ParamBinding b) {
        if (!(b instanceof ParamBinding.Same same) || !same.vertex().equals(CharLstmVariables.SOFTMAX_VERTEX)) {
            throw new IllegalStateException("unexpected char-LSTM binding " + b);
        }
        return same.key().equals("W");
    }

    // ---- translate ----

    /**
     * The weights under canonical names, ready for {@link CharLstmModel#loadWeights} of a model
     * built from {@code recognized.spec()}: the values are the source's tensors themselves
     * (bit-identical). Optimizer state present in the source is carried over under canonical
     * names too: {@code <source>/Adam}, {@code <source>/Adam_1} become {@code <canonical>/Adam},
     * {@code <canonical>/Adam_1}, and {@code beta1_power}, {@code beta2_power},
     * {@code global_step} keep theirs (for {@link AdamSlots#write}).
     *
     * <p>The weights come first, in {@code recognized.canonicalToSource()} order, then the slots.
     * {@code loadWeights} wants the weights alone: when the source had optimizer state, pass it
     * the entries whose names are {@code recognized.canonicalToSource().keySet()}.
     *
     * @param variables the map {@code recognized} was made from
     * @throws IllegalArgumentException if {@code variables} lacks a source, or a source's type or
     *     shape is not what {@code recognized} says
     */
    public static Map<String, Tensor> toCanonical(Map<String, ? extends Tensor> variables, Recognized recognized) {
        var bindings = bindingsByName(recognized.spec());
        var weights = new LinkedHashMap<String, Tensor>();
        var slots = new LinkedHashMap<String, Tensor>();
        for (Map.Entry<String, String> e : recognized.canonicalToSource().entrySet()) {
            String canonical = e.getKey();
            String source = e.getValue();
            ParamBinding b = bindings.get(canonical);
            if (b == null) {
                throw new IllegalArgumentException("recognized maps " + canonical + ", which is not a variable of "
                        + recognized.spec() + " (its variables: " + bindings.keySet() + ")");
            }
            weights.put(canonical, checked(source, variables.get(source), b.shape(), "source of " + canonical));
            carry(variables, ScopeNames.qualify(source, AdamSlots.FIRST_MOMENT), AdamSlots.firstMoment(canonical),
                    slots);
            carry(variables, ScopeNames.qualify(source, AdamSlots.SECOND_MOMENT), AdamSlots.secondMoment(canonical),
                    slots);
        }
        if (weights.size() != bindings.size()) {
            var missing = new ArrayList<>(bindings.keySet());
            missing.removeAll(weights.keySet());
            throw new IllegalArgumentException("recognized maps no source to " + missing);
        }
        for (String name : List.of(AdamSlots.BETA1_POWER, AdamSlots.BETA2_POWER, AdamSlots.GLOBAL_STEP)) {
            carry(variables, name, name, slots);
        }
        weights.putAll(slots);
        return Collections.unmodifiableMap(weights);
    }

    private static void carry(Map<String, ? extends Tensor> variables, String from, String to,
            Map<String, Tensor> out) {
        Tensor t = variables.get(from);
        if (t != null) {
            out.put(to, t);
        }
    }

    /**
     * Canonical weights renamed to ml5's {@code rnnlm} layout with TensorFlow >= 1.2 names (what
     * ml5.js's current {@code CharRNN} loads): {@code embedding},
     * {@code rnnlm/multi_rnn_cell/cell_k/basic_lstm_cell/kernel|bias}, {@code rnnlm/softmax_w},
     * {@code rnnlm/softmax_b}. Values are the same tensors.
     *
     * <p>ml5.js always looks its input up in an embedding, so a one-hot model is exported as the
     * embedding model it is equivalent to: one whose {@code embedding} is the identity matrix
     * [vocab, vocab] (row c selects the one-hot vector of character c), with the kernels
     * unchanged. Every model therefore exports; recognizing the export gives an embedding spec with
     * embedding width = vocabulary size.
     *
     * <p>ml5.js adds forget bias 1.0 at run time, so only models with {@code forgetBias} 1.0
     * export. Optimizer state and bookkeeping entries in {@code canonical} ({@code .../Adam},
     * {@code global_step}, ...) are left out; any other name is an error.
     *
     * @throws IllegalArgumentException if the forget bias is not 1.0, or {@code canonical} lacks a
     *     weight of {@code spec}, has an unknown name, or a weight of the wrong type or shape
     */
    public static Map<String, Tensor> toMl5(Map<String, ? extends Tensor> canonical, CharLstmSpec spec) {
        if (spec.forgetBias() != 1.0) {
            throw new IllegalArgumentException("model has forgetBias " + spec.forgetBias() + " but ml5.js's"
                    + " CharRNN always adds forget bias 1.0 at run time; only models with forgetBias 1.0 can be"
                    + " exported to ml5");
        }
        var bindings = bindingsByName(spec);
        var unknown = new ArrayList<String>();
        for (String name : canonical.keySet()) {
            if (!bindings.containsKey(name) && !isBookkeeping(name)) {
                unknown.add(name);
            }
        }
        var missing = new ArrayList<>(bindings.keySet());
        missing.removeAll(canonical.keySet());
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new IllegalArgumentException("weights do not match the model " + NamingMessages.describe(spec) + ": missing "
                    + missing + ", unknown " + unknown + "; found " + NamingMessages.listing(canonical, null)
                    + "; expected " + NamingMessages.expectedFor(spec));
        }
        var layerOfVertex = new HashMap<String, Integer>();
        for (int k = 0; k < spec.layers(); k++) {
            layerOfVertex.put(CharLstmModel.lstmVertex(k), k);
        }
        var out = new LinkedHashMap<String, Tensor>();
        if (spec.input() == InputKind.ONE_HOT) {
            out.put(EMBEDDING, identity(spec.vocabSize()));
        }
        for (ParamBinding b : bindings.values()) {
            FloatTensor t = checked(b.variable(), canonical.get(b.variable()), b.shape(), "canonical weight");
            String target;
            if (b instanceof ParamBinding.LstmKernel) {
                target = cellName(NamingScheme.ML5, null, layerOfVertex.get(b.vertex()), "kernel");
            } else if (b instanceof ParamBinding.LstmBias) {
                target = cellName(NamingScheme.ML5, null, layerOfVertex.get(b.vertex()), "bias");
            } else if (b.vertex().equals(CharLstmVariables.EMBEDDING_VERTEX)) {
                target = EMBEDDING;
            } else {
                target = isSoftmaxWeights(b) ? ML5_SOFTMAX_W : ML5_SOFTMAX_B;
            }
            out.put(target, t);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The identity [n, n]: the embedding equivalent to one-hot input. */
    private static FloatTensor identity(int n) {
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("vocabulary of " + n + " characters is too large for an identity"
                    + " embedding [" + n + ", " + n + "]");
        }
        float[] values = new float[n * n];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1f;
        }
        return new FloatTensor(new long[] {n, n}, values);
    }

    private static Map<String, ParamBinding> bindingsByName(CharLstmSpec spec) {
        var out = new LinkedHashMap<String, ParamBinding>();
        for (ParamBinding b : CharLstmVariables.declare(spec, new VariableStore())) {
            out.put(b.variable(), b);
        }
        return out;
    }

    private static FloatTensor checked(String name, Tensor t, long[] shape, String what) {
        if (t == null) {
            throw new IllegalArgumentException(what + " " + name + " is missing");
        }
        if (!(t instanceof FloatTensor f)) {
            throw new IllegalArgumentException(what + " " + name + " is " + t.dtype().tfName() + "; expected float32");
        }
        if (!Arrays.equals(f.shape(), shape)) {
            throw new IllegalArgumentException(what + " " + name + " has shape " + Bounded.shape(f.shape())
                    + "; expected " + Bounded.shape(shape));
        }
        return f;
    }
}
