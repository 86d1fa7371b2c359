package org.scopedrnn.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scopedrnn.scope.ScopeNames;

/**
 * The architecture of a character-level LSTM language model: what fixes its variables' names and
 * shapes. Training knobs (learning rate, batch size, ...) live elsewhere, so a training model and
 * a batch-1 sampling model share one spec.
 *
 * @param vocabSize number of distinct characters (one-hot width / embedding rows / softmax width)
 * @param layers stacked LSTM cells
 * @param hiddenSize units per cell
 * @param input one-hot or embedding input
 * @param embeddingSize embedding width; must be 0 for one-hot input
 * @param keepProb probability of keeping each cell output during training (dropout 1 - keepProb)
 * @param forgetBias added to the forget gate at run time, as TensorFlow's BasicLSTMCell does
 * @param rootScope variable scope the LSTM stack lives under ({@code lstm_cell} in anna_writer.py)
 */
public record CharLstmSpec(int vocabSize, int layers, int hiddenSize, InputKind input, int embeddingSize,
        double keepProb, double forgetBias, String rootScope) {

    public static final String DEFAULT_ROOT_SCOPE = "lstm_cell";

    public CharLstmSpec {
        requirePositive("vocabSize", vocabSize, 2);
        requirePositive("layers", layers, 1);
        requirePositive("hiddenSize", hiddenSize, 1);
        if (input == null) {
            throw new IllegalArgumentException("input kind must be set: one-hot or embedding");
        }
        if (input == InputKind.EMBEDDING) {
            requirePositive("embeddingSize", embeddingSize, 1);
        } else if (embeddingSize != 0) {
            throw new IllegalArgumentException("embeddingSize is " + embeddingSize
                    + " but input is one-hot: set input = embedding, or embeddingSize = 0");
        }
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("keepProb must be in (0, 1], got " + keepProb);
        }
        if (!Double.isFinite(forgetBias)) {
            throw new IllegalArgumentException("forgetBias must be finite, got " + forgetBias);
        }
        if (rootScope == null || rootScope.isEmpty()) {
            throw new IllegalArgumentException("root scope must not be empty (anna_writer.py uses \""
                    + DEFAULT_ROOT_SCOPE + "\")");
        }
        ScopeNames.split(rootScope).forEach(ScopeNames::checkComponent);
    }

    private static void requirePositive(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    /** Width of the first LSTM's input. */
    public int inputDepth() {
        return input == InputKind.ONE_HOT ? vocabSize : embeddingSize;
    }

    public CharLstmSpec withVocabSize(int newVocabSize) {
        return new CharLstmSpec(newVocabSize, layers, hiddenSize, input, embeddingSize, keepProb, forgetBias,
                rootScope);
    }

    /** JSON-friendly form stored in checkpoint metadata. */
    public Map<String, Object> toMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("vocabSize", vocabSize);
        m.put("layers", layers);
        m.put("hiddenSize", hiddenSize);
        m.put("input", input.key());
        m.put("embeddingSize", embeddingSize);
        m.put("keepProb", keepProb);
        m.put("forgetBias", forgetBias);
        m.put("rootScope", rootScope);
        return m;
    }

    public static CharLstmSpec fromMap(Map<String, ?> m) {
        return new CharLstmSpec(
                intValue(m, "vocabSize"), intValue(m, "layers"), intValue(m, "hiddenSize"),
                InputKind.parse(String.valueOf(required(m, "input"))), intValue(m, "embeddingSize"),
                doubleValue(m, "keepProb"), doubleValue(m, "forgetBias"), String.valueOf(required(m, "rootScope")));
    }

    private static Object required(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("model spec lacks '" + key + "' (found keys " + m.keySet() + ")");
        }
        return v;
    }

    /** An int, or an error naming the key: a file's value is never silently truncated. */
    private static int intValue(Map<String, ?> m, String key) {
        Object v = required(m, key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() > Integer.MAX_VALUE || n.doubleValue() < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("model spec '" + key + "' is " + v + "; expected an integer");
        }
        return n.intValue();
    }

    private static double doubleValue(Map<String, ?> m, String key) {
        Object v = required(m, key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("model spec '" + key + "' is " + v + "; expected a number");
        }
        return n.doubleValue();
    }
}
