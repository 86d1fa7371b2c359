package org.scopedrnn.model;

import java.util.ArrayList;
import java.util.List;
import org.scopedrnn.scope.Variable;
import org.scopedrnn.scope.VariableScope;
import org.scopedrnn.scope.VariableStore;

/**
 * Declares a seq2seq model's variables through scopes, the seed seq2seq program's layout (TF
 * layout, LSTM gates i, j, f, o, forget bias 1.0 added at run time and not stored), in this order:
 * <ul>
 * <li>{@code encoder_embedding [Vs, E]} (or one {@code embedding [V, E]} when shared)
 * <li>{@code <encoder scope>/lstm_cell/kernel [E + h, 4h]}, {@code .../bias [4h]}
 * <li>{@code decoder_embedding [Vt, E]} (unless shared)
 * <li>{@code <decoder scope>/lstm_cell/kernel|bias} — the encoder's own variables when the decoder
 * reuses the encoder's scope
 * <li>{@code fully_connected/weights [h, Vt]}, {@code fully_connected/biases [Vt]}
 * </ul>
 * The encoder's scope is {@code spec.encoderScope()} or a unique {@code rnn}; the decoder's is
 * {@code spec.decoderScope()} (with {@code spec.decoderReuse()}) or a unique {@code rnn} after it
 * ({@code rnn_1}). A decoder scope equal to the encoder's without reuse fails with TensorFlow's
 * "already exists" error naming where the encoder's variable was defined.
 *
 * <p>Returns how each variable binds to the graph's parameters: embeddings and LSTMs to the
 * {@link Seq2SeqVertex}, {@code fully_connected} to the output layer's {@code W} and {@code b}.
 */
public final class Seq2SeqVariables {

    /**
     * Where each group of variables is defined, for "Originally defined at" messages: typically
     * config paths such as {@code conf/seq2seq.conf: encoder.scope}. A null entry means the call
     * site of {@code declare} / {@code Seq2SeqModel.create} (found by walking the stack).
     */
    public record Origins(String embedding, String encoder, String decoder, String output) {

        /** All call sites. */
        public static final Origins CALL_SITE = new Origins(null, null, null, null);
    }

    private Seq2SeqVariables() {
    }

    /** Declares every variable of {@code spec} in {@code store}, recording builder call sites. */
    public static List<ParamBinding> declare(Seq2SeqSpec spec, VariableStore store) {
        return declare(spec, store, Origins.CALL_SITE);
    }

    /**
     * Declares every variable of {@code spec} in {@code store}.
     *
     * @throws org.scopedrnn.scope.VariableScopeException on a scope collision (TF's wording)
     */
    public static List<ParamBinding> declare(Seq2SeqSpec spec, VariableStore store, Origins origins) {
        var bindings = new ArrayList<ParamBinding>();
        VariableScope root = store.root();
        int e = spec.embeddingSize();
        int h = spec.hiddenSize();
        String vertex = Seq2SeqModel.VERTEX;

        if (spec.sharedEmbedding()) {
            Variable emb = get(root, "embedding", origins.embedding(), spec.sourceVocab(), e);
            bindings.add(new ParamBinding.Same(emb.name(), vertex, Seq2SeqVertex.SHARED_EMBEDDING, emb.shape()));
        } else {
            Variable emb = get(root, "encoder_embedding", origins.embedding(), spec.sourceVocab(), e);
            bindings.add(new ParamBinding.Same(emb.name(), vertex, Seq2SeqVertex.ENCODER_EMBEDDING, emb.shape()));
        }

        VariableScope encoderScope = spec.encoderScope() == null
                ? root.uniqueScope(Seq2SeqSpec.UNIQUE_DEFAULT_SCOPE)
                : root.scope(spec.encoderScope());
        VariableScope encoderCell = encoderScope.scope("lstm_cell");
        Variable encKernel = get(encoderCell, "kernel", origins.encoder(), e + h, 4L * h);
        Variable encBias = get(encoderCell, "bias", origins.encoder(), 4L * h);
        bindings.add(new ParamBinding.SameDiffLstmKernel(encKernel.name(), vertex, Seq2SeqVertex.ENCODER, e, h));
        bindings.add(new ParamBinding.SameDiffLstmBias(encBias.name(), vertex, Seq2SeqVertex.ENCODER, h));

        if (!spec.sharedEmbedding()) {
            Variable emb = get(root, "decoder_embedding", origins.embedding(), spec.targetVocab(), e);
            bindings.add(new ParamBinding.Same(emb.name(), vertex, Seq2SeqVertex.DECODER_EMBEDDING, emb.shape()));
        }

        VariableScope decoderScope = spec.decoderScope() == null
                ? root.uniqueScope(Seq2SeqSpec.UNIQUE_DEFAULT_SCOPE, spec.decoderReuse())
                : root.scope(spec.decoderScope(), spec.decoderReuse());
        VariableScope decoderCell = decoderScope.scope("lstm_cell");
        Variable decKernel = get(decoderCell, "kernel", origins.decoder(), e + h, 4L * h);
        Variable decBias = get(decoderCell, "bias", origins.decoder(), 4L * h);
        boolean kernelShared = decKernel.name().equals(encKernel.name());
        boolean biasShared = decBias.name().equals(encBias.name());
        if (kernelShared != biasShared) {
            // both come from one scope, so this cannot happen; guard the binding invariant anyway
            throw new IllegalStateException("decoder shares only part of the encoder's LSTM: " + decKernel.name()
                    + ", " + decBias.name());
        }
        if (!kernelShared) {
            bindings.add(new ParamBinding.SameDiffLstmKernel(decKernel.name(), vertex, Seq2SeqVertex.DECODER, e, h));
            bindings.add(new ParamBinding.SameDiffLstmBias(decBias.name(), vertex, Seq2SeqVertex.DECODER, h));
        }

        VariableScope fc = root.scope("fully_connected");
        Variable w = get(fc, "weights", origins.output(), h, spec.targetVocab());
        Variable b = get(fc, "biases", origins.output(), spec.targetVocab());
        bindings.add(new ParamBinding.Same(w.name(), Seq2SeqModel.OUTPUT, "W", w.shape()));
        bindings.add(new ParamBinding.Same(b.name(), Seq2SeqModel.OUTPUT, "b", b.shape()));
        return List.copyOf(bindings);
    }

    /** True if the bindings have no separate decoder LSTM: the decoder runs the encoder's variables. */
    public static boolean sharesLstm(List<ParamBinding> bindings) {
        return bindings.stream().noneMatch(b -> b instanceof ParamBinding.SameDiffLstmKernel k
                && k.prefix().equals(Seq2SeqVertex.DECODER));
    }

    private static Variable get(VariableScope scope, String name, String definedAt, long... shape) {
        return scope.getVariable(name, shape, definedAt == null ? callSite() : definedAt);
    }

    /** {@code File.java:42 (pkg.Class.method)} of the first frame outside the seq2seq builders. */
    private static String callSite() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Seq2SeqVariables.class.getName())
                        && !f.getClassName().equals(Seq2SeqModel.class.getName()))
                .findFirst()
                .map(f -> (f.getFileName() == null ? "Unknown Source" : f.getFileName())
                        + (f.getLineNumber() < 0 ? "" : ":" + f.getLineNumber())
                        + " (" + f.getClassName() + "." + f.getMethodName() + ")")
                .orElse("<unknown call site>"));
    }
}
