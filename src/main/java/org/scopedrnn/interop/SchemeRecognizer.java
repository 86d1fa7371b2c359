package org.scopedrnn.interop;

import static org.scopedrnn.interop.CharLstmNames.ANNA_CELL;
import static org.scopedrnn.interop.CharLstmNames.ANNA_SOFTMAX_B;
import static org.scopedrnn.interop.CharLstmNames.ANNA_SOFTMAX_W;
import static org.scopedrnn.interop.CharLstmNames.EMBEDDING;
import static org.scopedrnn.interop.CharLstmNames.ML5_CELL;
import static org.scopedrnn.interop.CharLstmNames.ML5_SOFTMAX_B;
import static org.scopedrnn.interop.CharLstmNames.ML5_SOFTMAX_W;
import static org.scopedrnn.interop.CharLstmNames.cellName;
import static org.scopedrnn.interop.CharLstmNames.isBookkeeping;
import static org.scopedrnn.interop.CharLstmNames.isSoftmaxWeights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.scopedrnn.checkpoint.Bounded;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.interop.CharLstmNames.NamingScheme;
import org.scopedrnn.interop.CharLstmNames.Recognized;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.CharLstmVariables;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.scope.VariableStore;

/**
 * How {@link CharLstmNames#recognize} works: sorts a checkpoint's names into the known naming schemes,
 * then infers the architecture from the shapes and checks every shape against it, collecting every
 * problem before it reports them ({@link NamingMessages#failure}).
 */
final class SchemeRecognizer {

    private SchemeRecognizer() {
    }

    static Recognized recognize(Map<String, ? extends Tensor> variables) {
        requireNamedTensors(variables);
        var found = new Found();
        variables.keySet().forEach(found::add);
        NamingScheme scheme = found.annaNames.isEmpty() && found.ml5Names.isEmpty() ? null
                : found.annaNames.size() >= found.ml5Names.size() ? NamingScheme.ANNA : NamingScheme.ML5;
        if (scheme == null) {
            throw NamingMessages.failure(List.of("no char-LSTM weights found (no LSTM cell or softmax variable)"),
                    variables, null);
        }
        List<String> problems = found.problems;
        if (!found.annaNames.isEmpty() && !found.ml5Names.isEmpty()) {
            problems.add("the names mix two layouts: ANNA " + NamingMessages.names(found.annaNames) + " and ML5 "
                    + NamingMessages.names(found.ml5Names));
        }
        if (!found.unknown.isEmpty()) {
            problems.add("unknown variable(s) " + NamingMessages.names(found.unknown));
        }
        if (found.roots.size() > 1) {
            problems.add("LSTM cells live under different root scopes "
                    + NamingMessages.names(new ArrayList<>(found.roots)) + "; expected one");
        }
        String root = scheme == NamingScheme.ANNA && found.roots.size() == 1 ? found.roots.iterator().next()
                : CharLstmSpec.DEFAULT_ROOT_SCOPE;
        checkCells(found.cells, scheme, root, problems);
        if (found.softmaxW == null) {
            problems.add("missing " + (scheme == NamingScheme.ANNA ? ANNA_SOFTMAX_W : ML5_SOFTMAX_W) + " [h, vocab]");
        }
        if (found.softmaxB == null) {
            problems.add("missing " + (scheme == NamingScheme.ANNA ? ANNA_SOFTMAX_B : ML5_SOFTMAX_B) + " [vocab]");
        }
        if (!problems.isEmpty()) {
            throw NamingMessages.failure(problems, variables, scheme);
        }
        Sources sources = new Sources(found.embedding, found.cells, found.softmaxW, found.softmaxB);
        CharLstmSpec spec = inferSpec(variables, sources, scheme, root);
        return new Recognized(spec, scheme, canonicalToSource(spec, sources), found.ignored);
    }

    private static void requireNamedTensors(Map<String, ? extends Tensor> variables) {
        if (variables == null || variables.isEmpty()) {
            throw new IllegalArgumentException("no variables to recognize a char-LSTM from; expected "
                    + NamingMessages.expected(null));
        }
        for (Map.Entry<String, ? extends Tensor> e : variables.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("variable " + e.getKey() + " has a null "
                        + (e.getKey() == null ? "name" : "tensor") + "; expected name -> tensor");
            }
        }
    }

    /** Every name sorted by what it is and which naming scheme it belongs to, in source order. */
    private static final class Found {
        final List<String> ignored = new ArrayList<>();
        final List<String> annaNames = new ArrayList<>();
        final List<String> ml5Names = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final Set<String> roots = new LinkedHashSet<>();
        final TreeMap<Integer, Cell> cells = new TreeMap<>();
        String embedding;
        String softmaxW;
        String softmaxB;

        void add(String name) {
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

    private static CharLstmSpec inferSpec(Map<String, ? extends Tensor> variables, Sources s, NamingScheme scheme,
            String root) {
        String kernel0 = s.cells().get(0).kernel;
        long[] k0 = variables.get(kernel0).shape();
        long[] w = variables.get(s.softmaxW()).shape();
        requireFloatMatrices(variables, s, scheme);
        var problems = new ArrayList<String>();
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
            throw NamingMessages.failure(problems, variables, scheme);
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
            throw NamingMessages.failure(problems, variables, scheme);
        }
        try {
            return new CharLstmSpec((int) vocab, s.cells().size(), (int) h, input, (int) e, 1.0, 1.0, root);
        } catch (IllegalArgumentException ex) {
            throw NamingMessages.failure(List.of("the inferred architecture is invalid: " + ex.getMessage()), variables, scheme);
        }
    }

    /**
     * Every weight float32, and the two shapes the others are checked against (the first cell's kernel,
     * the softmax weights) matrices of the right kind.
     */
    private static void requireFloatMatrices(Map<String, ? extends Tensor> variables, Sources s, NamingScheme scheme) {
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
            throw NamingMessages.failure(problems, variables, scheme);
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

}
