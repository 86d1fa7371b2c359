package org.scopedrnn.interop;

import static org.scopedrnn.interop.CharLstmNames.ANNA_SOFTMAX_B;
import static org.scopedrnn.interop.CharLstmNames.ANNA_SOFTMAX_W;
import static org.scopedrnn.interop.CharLstmNames.EMBEDDING;
import static org.scopedrnn.interop.CharLstmNames.ML5_LEARNING_RATE;
import static org.scopedrnn.interop.CharLstmNames.ML5_ROOT;
import static org.scopedrnn.interop.CharLstmNames.ML5_SOFTMAX_B;
import static org.scopedrnn.interop.CharLstmNames.ML5_SOFTMAX_W;

import java.util.List;
import java.util.Map;
import org.scopedrnn.checkpoint.Bounded;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.interop.CharLstmNames.NamingScheme;
import org.scopedrnn.model.AdamSlots;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.CharLstmVariables;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.scope.VariableStore;

/** The messages of {@link CharLstmNames}: what was found, every problem, and what a naming scheme expects. */
final class NamingMessages {

    private static final int MAX_LISTED = 100;

    private NamingMessages() {
    }

    static IllegalArgumentException failure(List<String> problems, Map<String, ? extends Tensor> variables,
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
    static String listing(Map<String, ? extends Tensor> variables, String separator) {
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
    static String names(List<String> names) {
        return Bounded.list(names.size(), names::get, "names");
    }

    static String expected(NamingScheme scheme) {
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

    static String expectedFor(CharLstmSpec spec) {
        var sb = new StringBuilder();
        for (ParamBinding b : CharLstmVariables.declare(spec, new VariableStore())) {
            sb.append(sb.length() == 0 ? "" : ", ").append(b.variable()).append(' ').append(Bounded.shape(b.shape()));
        }
        return sb.toString();
    }

    static String describe(CharLstmSpec spec) {
        return spec.layers() + " x LSTM(" + spec.hiddenSize() + "), vocabulary " + spec.vocabSize() + ", "
                + spec.input().key() + " input";
    }
}
