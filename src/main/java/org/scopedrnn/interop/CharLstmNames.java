package org.scopedrnn.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
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

    private static final String ML5_ROOT = "rnnlm";
    private static final String EMBEDDING = "embedding";
    private static final String ANNA_SOFTMAX_W = ScopeNames.qualify("softmax", "weights");
    private static final String ANNA_SOFTMAX_B = ScopeNames.qualify("softmax", "biases");
    private static final String ML5_SOFTMAX_W = ScopeNames.qualify(ML5_ROOT, "softmax_w");
    private static final String ML5_SOFTMAX_B = ScopeNames.qualify(ML5_ROOT, "softmax_b");
    /** ml5's learning-rate variable. */
    private static final String ML5_LEARNING_RATE = "Variable";
    private static final Set<String> BOOKKEEPING = Set.of(ML5_LEARNING_RATE, AdamSlots.BETA1_POWER,
            AdamSlots.BETA2_POWER, AdamSlots.GLOBAL_STEP);

    private static final String CELL_TAIL = "multi_rnn_cell/cell_(0|[1-9][0-9]{0,5})/basic_lstm_cell/"
            + "(kernel|bias|weights|biases)";
    private static final Pattern ANNA_CELL = Pattern.compile("(.+)/rnn/" + CELL_TAIL);
    private static final Pattern ML5_CELL = Pattern.compile(ML5_ROOT + "/" + CELL_TAIL);

    private static final int MAX_LISTED = 100;

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
        if (variables == null || variables.isEmpty()) {
            throw new IllegalArgumentException("no variables to recognize a char-LSTM from; expected "
                    + expected(null));
        }
        for (Map.Entry<String, ? extends Tensor> e : variables.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("variable " + e.getKey() + " has a null "
                        + (e.getKey() == null ? "name" : "tensor") + "; expected name -> tensor");
            }
        }
        var ignored = new ArrayList<String>();
        var annaNames = new ArrayList<String>();
        var ml5Names = new ArrayList<String>();
        var unknown = new ArrayList<String>();
        var problems = new ArrayList<String>();
        String embedding = null;
        var roots = new LinkedHashSet<String>();
        var cells = new TreeMap<Integer, Cell>();
        String softmaxW = null;
        String softmaxB = null;
        for (String name : variables.keySet()) {
            Matcher m;
            if (isBookkeeping(name)) {
                ignored.add(name);
            } else if (name.equals(EMBEDDING)) {
                embedding = name;
            } else if ((m = ML5_CELL.matcher(name)).matches()) {
                ml5Names.add(name);
                cells.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new Cell()).add(m.group(2), name, problems);
            } else if ((m = ANNA_CELL.matcher(name)).matches()) {
                annaNames.add(name);
                roots.add(m.group(1));
                cells.computeIfAbsent(Integer.parseInt(m.group(2)), k -> new Cell()).add(m.group(3), name, problems);
            } else if (name.equals(ANNA_SOFTMAX_W) || name.equals(ML5_SOFTMAX_W)) {
                (name.equals(ANNA_SOFTMAX_W) ? annaNames : ml5Names).add(name);
                softmaxW = name;
            } else if (name.equals(ANNA_SOFTMAX_B) || name.equals(ML5_SOFTMAX_B)) {
                (name.equals(ANNA_SOFTMAX_B) ? annaNames : ml5Names).add(name);
                softmaxB = name;
            } else {
                unknown.add(name);
            }
        }
        NamingScheme scheme = annaNames.isEmpty() && ml5Names.isEmpty() ? null
                : annaNames.size() >= ml5Names.size() ? NamingScheme.ANNA : NamingScheme.ML5;
        if (scheme == null) {
            throw failure(List.of("no char-LSTM weights found (no LSTM cell or softmax variable)"), variables,
                    null);
        }
        if (!annaNames.isEmpty() && !ml5Names.isEmpty()) {
            problems.add("the names mix two layouts: ANNA " + names(annaNames) + " and ML5 " + names(ml5Names));
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown variable(s) " + names(unknown));
        }
        if (roots.size() > 1) {
            problems.add("LSTM cells live under different root scopes " + names(new ArrayList<>(roots))
                    + "; expected one");
        }
        String root = scheme == NamingScheme.ANNA && roots.size() == 1 ? roots.iterator().next()
                : CharLstmSpec.DEFAULT_ROOT_SCOPE;
        checkCells(cells, scheme, root, problems);
        if (softmaxW == null) {
            problems.add("missing " + (scheme == NamingScheme.ANNA ? ANNA_SOFTMAX_W : ML5_SOFTMAX_W) + " [h, vocab]");
        }
        if (softmaxB == null) {
            problems.add("missing " + (scheme == NamingScheme.ANNA ? ANNA_SOFTMAX_B : ML5_SOFTMAX_B) + " [vocab]");
        }
        if (!problems.isEmpty()) {
            throw failure(problems, variables, scheme);
        }
        Sources sources = new Sources(embedding, cells, softmaxW, softmaxB);
        CharLstmSpec spec = inferSpec(variables, sources, scheme, root);
        return new Recognized(spec, scheme, canonicalToSource(spec, sources), ignored);
    }

    /** Optimizer state and bookkeeping: never a weight. */
    private static boolean isBookkeeping(String name) {
        return BOOKKEEPING.contains(name)
                || name.endsWith("/" + AdamSlots.FIRST_MOMENT) || name.endsWith("/" + AdamSlots.SECOND_MOMENT);
    }

    /** The source names of one LSTM cell. */
    private static final class Cell {
        String kernel;
        String bias;

        void add(String part, String name, List<String> problems) {
            boolean isKernel = part.equals("kernel") || part.equals("weights");
            String previous = isKernel ? kernel : bias;
            if (previous != null) {
                problems.add("both " + previous + " and " + name + " hold the same LSTM " + (isKernel ? "kernel"
                        : "bias") + "; expected one of them");
            }
            if (isKernel) {
                kernel = name;
            } else {
                bias = name;
            }
        }
    }

    private record Sources(String embedding, Map<Integer, Cell> cells, String softmaxW, String softmaxB) {}

    private static void checkCells(TreeMap<Integer, Cell> cells, NamingScheme scheme, String root, List<String> problems) {
        if (cells.isEmpty()) {
            problems.add("missing the LSTM cells: expected at least " + cellName(scheme, root, 0, "kernel")
                    + " and " + cellName(scheme, root, 0, "bias"));
            return;
        }
        int n = cells.lastKey() + 1;
        if (cells.size() != n) {
            var absent = new ArrayList<Integer>();
            for (int k = 0; k < n; k++) {
                if (!cells.containsKey(k)) {
                    absent.add(k);
                }
            }
            problems.add("LSTM layers must be numbered 0.." + (n - 1) + " without gaps; found cells "
                    + cells.keySet() + ", missing " + absent);
        }
        for (Map.Entry<Integer, Cell> e : cells.entrySet()) {
            int k = e.getKey();
            if (e.getValue().kernel == null) {
                problems.add("missing " + cellName(scheme, root, k, "kernel")
                        + " (or .../weights) [input depth + h, 4h]");
            }
            if (e.getValue().bias == null) {
                problems.add("missing " + cellName(scheme, root, k, "bias") + " (or .../biases) [4h]");
            }
        }
    }

    private static String cellName(NamingScheme scheme, String root, int k, String part) {
        return scheme == NamingScheme.ML5
                ? ScopeNames.qualify(ML5_ROOT, "multi_rnn_cell", "cell_" + k, "basic_lstm_cell", part)
                : ScopeNames.qualify(root, "rnn", "multi_rnn_cell", "cell_" + k, "basic_lstm_cell", part);
    }

    private static CharLstmSpec inferSpec(Map<String, ? extends Tensor> variables, Sources s, NamingScheme scheme,
            String root) {
        var problems = new ArrayList<String>();
        for (String name : sourceNames(s)) {
            if (!(variables.get(name) instanceof FloatTensor)) {
                problems.add(name + " is " + variables.get(name).dtype().tfName() + "; expected float32");
            }
        }
        // hidden size from the first cell's kernel columns (4h), vocabulary from the softmax columns;
        // every other shape is checked against those two (and the embedding width)
        String kernel0 = s.cells().get(0).kernel;
        long[] k0 = variables.get(kernel0).shape();
        if (k0.length != 2 || k0[1] % 4 != 0) {
            problems.add(kernel0 + " has shape " + Bounded.shape(k0) + "; expected [input depth + h, 4h]");
        }
        long[] w = variables.get(s.softmaxW()).shape();
        if (w.length != 2) {
            problems.add(s.softmaxW() + " has shape " + Bounded.shape(w) + "; expected [h, vocab]");
        }
        if (!problems.isEmpty()) {
            throw failure(problems, variables, scheme);
        }
        long h = k0[1] / 4;
        long vocab = w[1];
        InputKind input = InputKind.ONE_HOT;
        long e = 0;
        if (s.embedding() != null) {
            long[] emb = variables.get(s.embedding()).shape();
            input = InputKind.EMBEDDING;
            if (emb.length != 2) {
                problems.add(s.embedding() + " has shape " + Bounded.shape(emb) + "; expected [vocab, e]");
            } else {
                e = emb[1];
                if (emb[0] != vocab) {
                    problems.add("vocabulary sizes disagree: " + s.embedding() + " " + Bounded.shape(emb) + " has "
                            + emb[0] + " rows but " + s.softmaxW() + " " + Bounded.shape(w) + " has " + vocab
                            + " columns");
                }
            }
        }
        if (h < 1 || h > Integer.MAX_VALUE / 4 || vocab < 2 || vocab > Integer.MAX_VALUE || e > Integer.MAX_VALUE
                || (input == InputKind.EMBEDDING && e < 1)) {
            problems.add("sizes out of range: hidden " + h + " (expected >= 1), vocabulary " + vocab
                    + " (expected >= 2)" + (input == InputKind.EMBEDDING ? ", embedding width " + e
                    + " (expected >= 1)" : ""));
            throw failure(problems, variables, scheme);
        }
        long inputDepth = input == InputKind.EMBEDDING ? e : vocab;
        String depthSource = input == InputKind.EMBEDDING ? "embedding width " + e
                : "vocabulary " + vocab + ", one-hot: there is no " + EMBEDDING + " variable";
        String hFrom = "hidden " + h + " (from the " + k0[1] + " = 4h columns of " + kernel0 + ")";
        checkShape(variables, s.softmaxW(), new long[] {h, vocab}, "[h, vocab]: " + hFrom, problems);
        checkShape(variables, s.softmaxB(), new long[] {vocab}, "[vocab], vocab " + vocab + " from "
                + s.softmaxW(), problems);
        for (Map.Entry<Integer, Cell> c : s.cells().entrySet()) {
            int k = c.getKey();
            long in = k == 0 ? inputDepth : h;
            String why = k == 0 ? "input depth " + in + " (" + depthSource + ")" : "input depth " + h + " (cell_"
                    + (k - 1) + "'s output)";
            checkShape(variables, c.getValue().kernel, new long[] {in + h, 4 * h},
                    "[input depth + h, 4h]: " + why + " + " + hFrom, problems);
            checkShape(variables, c.getValue().bias, new long[] {4 * h}, "[4h]: " + hFrom, problems);
        }
        if (!problems.isEmpty()) {
            throw failure(problems, variables, scheme);
        }
        try {
            return new CharLstmSpec((int) vocab, s.cells().size(), (int) h, input, (int) e, 1.0, 1.0, root);
        } catch (IllegalArgumentException ex) {
            throw failure(List.of("the inferred architecture is invalid: " + ex.getMessage()), variables, scheme);
        }
    }

    private static void checkShape(Map<String, ? extends Tensor> variables, String name, long[] expected,
            String why, List<String> problems) {
        long[] actual = variables.get(name).shape();
        if (!Arrays.equals(actual, expected)) {
            problems.add(name + " has shape " + Bounded.shape(actual) + "; expected " + Bounded.shape(expected)
                    + " " + why);
        }
    }

    private static List<String> sourceNames(Sources s) {
        var names = new ArrayList<String>();
        if (s.embedding() != null) {
            names.add(s.embedding());
        }
        for (Cell c : s.cells().values()) {
            names.add(c.kernel);
            names.add(c.bias);
        }
        names.add(s.softmaxW());
        names.add(s.softmaxB());
        return names;
    }

    /** Pairs the spec's canonical bindings (the one source of canonical names) with the source names. */
    private static Map<String, String> canonicalToSource(CharLstmSpec spec, Sources s) {
        var layerOfVertex = new HashMap<String, Integer>();
        for (int k = 0; k < spec.layers(); k++) {
            layerOfVertex.put(CharLstmModel.lstmVertex(k), k);
        }
        var out = new LinkedHashMap<String, String>();
        for (ParamBinding b : CharLstmVariables.declare(spec, new VariableStore())) {
            String source;
            if (b instanceof ParamBinding.LstmKernel) {
                source = s.cells().get(layerOfVertex.get(b.vertex())).kernel;
            } else if (b instanceof ParamBinding.LstmBias) {
                source = s.cells().get(layerOfVertex.get(b.vertex())).bias;
            } else if (b.vertex().equals(CharLstmVariables.EMBEDDING_VERTEX)) {
                source = s.embedding();
            } else {
                source = isSoftmaxWeights(b) ? s.softmaxW() : s.softmaxB();
            }
            out.put(b.variable(), source);
        }
        return out;
    }

    /** The softmax layer's weights (DL4J key {@code W}) rather than its biases. */
    private static boolean isSoftmaxWeights(ParamBinding b) {
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
            throw new IllegalArgumentException("weights do not match the model " + describe(spec) + ": missing "
                    + missing + ", unknown " + unknown + "; found " + listing(canonical, null)
                    + "; expected " + expectedFor(spec));
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

    // ---- messages ----

    private static IllegalArgumentException failure(List<String> problems, Map<String, ? extends Tensor> variables,
            NamingScheme scheme) {
        var sb = new StringBuilder("not a char-LSTM checkpoint in a known layout");
        if (scheme != null) {
            sb.append(" (names look like the ").append(scheme).append(" layout)");
        }
        sb.append(":");
        for (String p : problems) {
            // names come from the file: a backstop for a line that quotes several of them
            sb.append("\n  - ").append(Bounded.text(p, 5 * Bounded.MAX_CHARS));
        }
        sb.append("\nfound ").append(listing(variables, "\n    "));
        sb.append("\nexpected ").append(expected(scheme));
        return new IllegalArgumentException(sb.toString());
    }

    /** Every variable as {@code name [shape] dtype}, at most {@link #MAX_LISTED}. */
    private static String listing(Map<String, ? extends Tensor> variables, String separator) {
        var sb = new StringBuilder().append(variables.size()).append(" variable(s):");
        int i = 0;
        for (Map.Entry<String, ? extends Tensor> e : variables.entrySet()) {
            if (i++ == MAX_LISTED) {
                sb.append(separator == null ? " " : separator).append("... (").append(variables.size() - MAX_LISTED)
                        .append(" more)");
                break;
            }
            sb.append(separator == null ? (i > 1 ? ", " : " ") : separator).append(Bounded.text(e.getKey())).append(' ')
                    .append(e.getValue() == null ? "null" : Bounded.shape(e.getValue().shape()) + " "
                            + e.getValue().dtype().tfName());
        }
        return sb.toString();
    }

    /** Names from a file, as many as read well, then how many there are. */
    private static String names(List<String> names) {
        return Bounded.list(names.size(), names::get, "names");
    }

    private static String expected(NamingScheme scheme) {
        String ignored = "; not weights (ignored): " + ML5_LEARNING_RATE + ", " + AdamSlots.BETA1_POWER + ", "
                + AdamSlots.BETA2_POWER + ", " + AdamSlots.GLOBAL_STEP + ", <var>/" + AdamSlots.FIRST_MOMENT
                + ", <var>/" + AdamSlots.SECOND_MOMENT;
        String anna = "ANNA layout: {root}/rnn/multi_rnn_cell/cell_{k}/basic_lstm_cell/kernel [input depth + h, 4h]"
                + " and .../bias [4h] (or weights/biases) for k = 0..n-1, " + ANNA_SOFTMAX_W + " [h, vocab], "
                + ANNA_SOFTMAX_B + " [vocab], optional " + EMBEDDING + " [vocab, e] (without it the input is one-hot)";
        String ml5 = "ML5 layout: " + EMBEDDING + " [vocab, e] (ml5.js always has one; without it the input is"
                + " one-hot), " + ML5_ROOT + "/multi_rnn_cell/cell_{k}/basic_lstm_cell/"
                + "kernel [e + h (k = 0) or 2h, 4h] and .../bias [4h] (or weights/biases) for k = 0..n-1, "
                + ML5_SOFTMAX_W + " [h, vocab], " + ML5_SOFTMAX_B + " [vocab]";
        if (scheme == NamingScheme.ANNA) {
            return anna + ignored;
        }
        if (scheme == NamingScheme.ML5) {
            return ml5 + ignored;
        }
        return anna + "; or " + ml5 + ignored;
    }

    private static String expectedFor(CharLstmSpec spec) {
        var sb = new StringBuilder();
        for (ParamBinding b : CharLstmVariables.declare(spec, new VariableStore())) {
            sb.append(sb.length() == 0 ? "" : ", ").append(b.variable()).append(' ').append(Bounded.shape(b.shape()));
        }
        return sb.toString();
    }

    private static String describe(CharLstmSpec spec) {
        return spec.layers() + " x LSTM(" + spec.hiddenSize() + "), vocabulary " + spec.vocabSize() + ", "
                + spec.input().key() + " input";
    }
}
