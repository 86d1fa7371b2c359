package org.scopedrnn.model;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.LSTMLayer;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.LSTMLayerBp;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;

/**
 * SameDiff's {@code lstmLayer} op with ND4J 1.0.0-M2's Java-side bugs fixed; the native op is
 * unchanged. Found by finite-difference checks (see the model tests):
 * <ol>
 * <li>{@code sd.rnn().lstmLayer(x, cLast, yLast, ...)} hands {@code cLast} to libnd4j's
 * initial-output slot and {@code yLast} to the initial-cell slot (with zero weights the first
 * cell state is half of {@code yLast}). This class takes {@code (h0, c0)} and passes them in
 * libnd4j's order (x, Wx, Wr, b, seqLen, hI, cI).
 * <li>SameDiff builds its gradient function from copies of the ops made by FlatBuffers
 * serialisation: a copy of the stock {@code LSTMLayer} restores its initial state from one
 * property for both h and c ({@code setPropertiesForFunction} reads "cLast" twice) and never
 * restores the sequence lengths. Its gradient is then computed from h0 in place of c0, and, with
 * sequence lengths, as if every sequence were full length (the last-step gradient lands on the
 * padding). This class rebuilds all three from the op's own inputs, in
 * {@link #configureWithSameDiff}, and its {@link #doDiff} passes them to {@code lstmLayer_bp}.
 * </ol>
 * Copies are made by looking the op class up by name, so {@link #install()} registers this class
 * as the class of {@code lstmLayer} in ND4J's op registry (JVM-wide; it behaves exactly as the stock
 * op apart from the fixes). The seq2seq vertex installs it before building its graph.
 */
public final class FixedLstmLayer extends LSTMLayer {

    private static volatile boolean installed;

    private SDVariable h0;
    private SDVariable c0;
    private SDVariable seqLen;

    /** For the op registry (copies); configured by {@link #configureWithSameDiff}. */
    public FixedLstmLayer() {
    }

    /**
     * @param x input, in the layout {@code config} names
     * @param h0 initial output {@code [B, h]}, or null for zeros
     * @param c0 initial cell state {@code [B, h]}, or null for zeros
     * @param seqLen per-example lengths {@code [B]} (outputs past them are zero, last h/c are at them),
     *     or null for full length
     */
    public FixedLstmLayer(SameDiff sd, SDVariable x, SDVariable h0, SDVariable c0, SDVariable seqLen,
            LSTMLayerWeights weights, LSTMLayerConfig config) {
        // LSTMLayer's constructor orders (x, seqLen, cLast, yLast) into libnd4j's (..., hI, cI): its
        // "cLast" parameter lands in hI, so h0 goes there
        super(sd, x, requireBothOrNeither(h0, c0), c0, seqLen, weights, config);
        this.h0 = h0;
        this.c0 = c0;
        this.seqLen = seqLen;
        install();
    }

    private static SDVariable requireBothOrNeither(SDVariable h0, SDVariable c0) {
        // LSTMLayer flags "has initial h" from its yLast argument and "has initial c" from cLast
        if ((h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("give both initial h and c, or neither");
        }
        return h0;
    }

    /**
     * Outputs in libnd4j's order: full sequence (if configured), last h (if configured), last c (if
     * configured).
     */
    public static SDVariable[] apply(SameDiff sd, SDVariable x, SDVariable h0, SDVariable c0, SDVariable seqLen,
            LSTMLayerWeights weights, LSTMLayerConfig config) {
        return new FixedLstmLayer(sd, x, h0, c0, seqLen, weights, config).outputVariables();
    }

    @Override
    public void configureWithSameDiff(SameDiff sameDiff) {
        super.configureWithSameDiff(sameDiff);
        // inputs: x, Wx, Wr, [b], [seqLen], [hI], [cI], [Wp], flagged by B_ARG(0..3)
        String[] inputs = sameDiff.getInputsForOp(this);
        int next = 3;
        if (bArguments.get(0)) {
            next++;
        }
        seqLen = bArguments.get(1) ? sameDiff.getVariable(inputs[next++]) : null;
        h0 = bArguments.get(2) ? sameDiff.getVariable(inputs[next++]) : null;
        c0 = bArguments.get(3) ? sameDiff.getVariable(inputs[next++]) : null;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        LSTMLayerConfig config = getConfiguration();
        int i = 0;
        SDVariable dLdh = config.isRetFullSequence() ? grads.get(i++) : null;
        SDVariable dLdhL = config.isRetLastH() ? grads.get(i++) : null;
        SDVariable dLdcL = config.isRetLastC() ? grads.get(i++) : null;
        // LSTMLayerBp orders (..., yLast, cLast) into libnd4j's (..., hI, cI): h0 is its "yLast". Its
        // outputs (dLdx, dLdWx, dLdWr, [dLdb], [dLdSeqLen], [dLdhI], [dLdcI]) follow this op's inputs.
        return Arrays.asList(new LSTMLayerBp(sameDiff, arg(0), c0, h0, seqLen, getWeights(), config,
                dLdh, dLdhL, dLdcL).outputVariables());
    }

    /** Registers this class as {@code lstmLayer}'s in ND4J's op registry, once per JVM. */
    @SuppressWarnings("unchecked")
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (FixedLstmLayer.class) {
            if (installed) {
                return;
            }
            long hash = new LSTMLayer().opHash();
            String name = new LSTMLayer().opName();
            DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
            try {
                Map<Long, Map<String, Class<?>>> byHashAndName =
                        (Map<Long, Map<String, Class<?>>>) field(holder, "customOpHashToClasses");
                Map<Long, Class<?>> byHash = (Map<Long, Class<?>>) field(holder, "customOpHashToClass");
                if (byHashAndName.containsKey(hash)) {
                    byHashAndName.get(hash).put(name, FixedLstmLayer.class);
                } else {
                    byHash.put(hash, FixedLstmLayer.class);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot register the fixed lstmLayer op with ND4J's op registry"
                        + " (ND4J version other than 1.0.0-M2?); seq2seq gradients would be wrong", e);
            }
            if (holder.customOpClassForHashAndName(hash, name) != FixedLstmLayer.class) {
                throw new IllegalStateException("ND4J's op registry did not take the fixed lstmLayer op");
            }
            installed = true;
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field f = DifferentialFunctionClassHolder.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }
}
