package org.scopedrnn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.Tensor;

/**
 * How one canonical (TensorFlow-layout) variable is stored among a DL4J graph's parameters. Each
 * DL4J parameter belongs to exactly one binding, so converting every binding covers the graph. A
 * variable shared by two parts of a model (the seq2seq decoder reusing the encoder's LSTM) is one
 * binding and one set of DL4J parameters, used twice by the graph.
 */
public sealed interface ParamBinding {

    /** Looks up a DL4J parameter (or an optimizer moment of it) by vertex and parameter key. */
    @FunctionalInterface
    interface Dl4jParams {
        INDArray get(String vertex, String key);
    }

    /** {@code t} as the float32 tensor of shape {@code shape} that variable {@code name} needs. */
    static FloatTensor requireFloat(String name, Tensor t, long[] shape) {
        String problem = mismatch(name, t, shape);
        if (problem != null) {
            throw new IllegalArgumentException("variable " + problem);
        }
        return (FloatTensor) t;
    }

    /** What is wrong with {@code t} as variable {@code name}, or null: the one type and shape check. */
    private static String mismatch(String name, Tensor t, long[] shape) {
        if (!(t instanceof FloatTensor f)) {
            return name + " is " + (t == null ? "missing" : t.dtype()) + ", expected float32";
        }
        if (!Arrays.equals(f.shape(), shape)) {
            return name + " has shape " + Arrays.toString(f.shape()) + ", expected " + Arrays.toString(shape);
        }
        return null;
    }

    /**
     * Checks that {@code given} holds exactly the bindings' variables, each float32 with its
     * canonical shape; otherwise one error lists every missing, unexpected and mismatched name.
     *
     * @param owner what the weights are for, as the message names it (e.g. "the seq2seq model (...)")
     */
    static void requireMatching(List<ParamBinding> bindings, Map<String, ? extends Tensor> given, String owner) {
        var expected = new TreeSet<String>();
        bindings.forEach(b -> expected.add(b.variable()));
        var missing = new TreeSet<>(expected);
        missing.removeAll(given.keySet());
        var extra = new TreeSet<>(given.keySet());
        extra.removeAll(expected);
        var wrong = new ArrayList<String>();
        for (ParamBinding b : bindings) {
            Tensor t = given.get(b.variable());
            String problem = t == null ? null : mismatch(b.variable(), t, b.shape());
            if (problem != null) {
                wrong.add(problem);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty() || !wrong.isEmpty()) {
            throw new IllegalArgumentException("weights do not match " + owner + ": missing " + missing
                    + ", unexpected " + extra + (wrong.isEmpty() ? "" : ", mismatched " + wrong));
        }
    }

    /**
     * Checks that {@code stored} (a checkpoint's variables, optimizer slots and all) holds every
     * binding's variable, float32 with its canonical shape. Call it before building a model from a
     * spec read from a file: the model is then no larger than tensors that really are in the file,
     * so a hostile spec cannot make the reader allocate without bound.
     */
    static void requireStored(List<ParamBinding> bindings, Map<String, ? extends Tensor> stored, String owner) {
        var own = new java.util.HashMap<String, Tensor>();
        bindings.forEach(b -> {
            if (stored.containsKey(b.variable())) {
                own.put(b.variable(), stored.get(b.variable()));
            }
        });
        requireMatching(bindings, own, owner);
    }

    /** Scope-qualified canonical name. */
    String variable();

    /** Canonical shape (TensorFlow layout). */
    long[] shape();

    /** The vertex whose parameters this variable lives in. */
    String vertex();

    /**
     * Reads the canonical tensor. With {@code moments} the source holds optimizer moments rather
     * than values, which never carry the forget-bias shift.
     */
    INDArray read(Dl4jParams source, boolean moments);

    /** Writes a canonical tensor into the DL4J arrays, in place. */
    void write(INDArray canonical, Dl4jParams target, boolean moments);

    /** {@code kernel [in + h, 4h]} of an LSTM cell: DL4J's {@code W} and {@code RW}. */
    record LstmKernel(String variable, String vertex, int nIn, int hidden) implements ParamBinding {
        @Override
        public long[] shape() {
            return new long[] {nIn + hidden, 4L * hidden};
        }

        @Override
        public INDArray read(Dl4jParams source, boolean moments) {
            return LstmLayout.kernelFromDl4j(source.get(vertex, "W"), source.get(vertex, "RW"));
        }

        @Override
        public void write(INDArray canonical, Dl4jParams target, boolean moments) {
            LstmLayout.kernelToDl4j(canonical, target.get(vertex, "W"), target.get(vertex, "RW"));
        }
    }

    /** {@code bias [4h]} of an LSTM cell: DL4J's {@code b} with the forget bias folded in. */
    record LstmBias(String variable, String vertex, int hidden, double forgetBias) implements ParamBinding {
        @Override
        public long[] shape() {
            return new long[] {4L * hidden};
        }

        @Override
        public INDArray read(Dl4jParams source, boolean moments) {
            return LstmLayout.biasFromDl4j(source.get(vertex, "b"), moments ? 0 : forgetBias);
        }

        @Override
        public void write(INDArray canonical, Dl4jParams target, boolean moments) {
            LstmLayout.biasToDl4j(canonical, target.get(vertex, "b"), moments ? 0 : forgetBias);
        }
    }

    /**
     * {@code kernel [in + h, 4h]} of an LSTM run by SameDiff's {@code lstmLayer} inside a vertex:
     * parameters {@code <prefix>W [in, 4h]} and {@code <prefix>RW [h, 4h]} of that vertex.
     */
    record SameDiffLstmKernel(String variable, String vertex, String prefix, int nIn, int hidden)
            implements ParamBinding {
        @Override
        public long[] shape() {
            return new long[] {nIn + hidden, 4L * hidden};
        }

        @Override
        public INDArray read(Dl4jParams source, boolean moments) {
            return LstmLayout.kernelFromSameDiff(source.get(vertex, prefix + "W"), source.get(vertex, prefix + "RW"));
        }

        @Override
        public void write(INDArray canonical, Dl4jParams target, boolean moments) {
            LstmLayout.kernelToSameDiff(canonical, target.get(vertex, prefix + "W"), target.get(vertex, prefix + "RW"));
        }
    }

    /**
     * {@code bias [4h]} of a SameDiff {@code lstmLayer}: parameter {@code <prefix>B [4h]}, gates
     * permuted, no forget bias stored (the graph adds it at run time).
     */
    record SameDiffLstmBias(String variable, String vertex, String prefix, int hidden) implements ParamBinding {
        @Override
        public long[] shape() {
            return new long[] {4L * hidden};
        }

        @Override
        public INDArray read(Dl4jParams source, boolean moments) {
            return LstmLayout.biasFromSameDiff(source.get(vertex, prefix + "B"));
        }

        @Override
        public void write(INDArray canonical, Dl4jParams target, boolean moments) {
            LstmLayout.biasToSameDiff(canonical, target.get(vertex, prefix + "B"));
        }
    }

    /** A parameter stored with the same element order in both layouts (softmax, embedding). */
    record Same(String variable, String vertex, String key, long[] shape) implements ParamBinding {
        public Same {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public INDArray read(Dl4jParams source, boolean moments) {
            return source.get(vertex, key).dup('c').reshape('c', shape);
        }

        @Override
        public void write(INDArray canonical, Dl4jParams target, boolean moments) {
            INDArray dst = target.get(vertex, key);
            if (canonical.length() != dst.length()) {
                throw new IllegalArgumentException(variable + " has " + canonical.length() + " values "
                        + Arrays.toString(canonical.shape()) + " but DL4J parameter " + vertex + "_" + key + " has "
                        + dst.length() + " " + Arrays.toString(dst.shape()));
            }
            dst.assign(canonical.reshape('c', dst.shape()));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Same s && s.variable.equals(variable) && s.vertex.equals(vertex)
                    && s.key.equals(key) && Arrays.equals(s.shape, shape);
        }

        @Override
        public int hashCode() {
            return variable.hashCode();
        }

        @Override
        public String toString() {
            return "Same[" + variable + " <- " + vertex + "_" + key + " " + Arrays.toString(shape) + "]";
        }
    }
}
