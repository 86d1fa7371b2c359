package org.scopedrnn.sample;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;
import org.scopedrnn.sample.internal.CharStepper;

/**
 * Generates text one character at a time from a char-LSTM, carrying the LSTM state through the
 * prime text and every generated character (the seed program reset it after the prime).
 */
public final class CharSampler {

    private final CharLstmModel model;
    private final Vocabulary vocabulary;

    public CharSampler(CharLstmModel model, Vocabulary vocabulary) {
        if (model.spec().vocabSize() != vocabulary.size()) {
            throw new IllegalArgumentException("model has " + model.spec().vocabSize()
                    + " output characters but the vocabulary has " + vocabulary.size());
        }
        this.model = model;
        this.vocabulary = vocabulary;
    }

    /**
     * Prime text followed by {@code options.length()} sampled characters. With the fused LSTM (the
     * default) the steps run on the training LSTM kernel ({@link CharStepper}: no ND4J op per step,
     * GEMVs and one gate pass); with {@code lstm-impl = dl4j} through the graph's {@code rnnTimeStep}.
     */
    public String sample(SamplingOptions options) {
        int[] prime = vocabulary.encode(options.prime(), false);
        var rnd = new Random(options.seed());
        if (model.lstmImpl() == LstmImpl.FUSED) {
            return sampleStepwise(prime, options, rnd);
        }
        ComputationGraph graph = model.graph();
        graph.rnnClearPreviousState();
        INDArray probs = lastStep(graph.rnnTimeStep(encode(prime))[0]);
        var out = new StringBuilder(options.prime());
        INDArray step = Nd4j.zeros(DataType.FLOAT, 1, inputDepth(), 1);
        int previous = -1;
        float[] buffer = new float[vocabulary.size()];
        for (int i = 0; i < options.length(); i++) {
            int next = TopK.draw(probs, buffer, options.temperature(), options.topK(), rnd);
            out.append(vocabulary.symbol(next));
            if (i + 1 == options.length()) {
                break;
            }
            previous = setInput(step, previous, next);
            probs = lastStep(graph.rnnTimeStep(step)[0]);
        }
        graph.rnnClearPreviousState();
        return out.toString();
    }

    private String sampleStepwise(int[] prime, SamplingOptions options, Random rnd) {
        var stepper = new CharStepper(model); // a snapshot of the current weights
        float[] probs = null;
        for (int id : prime) {
            probs = stepper.step(id);
        }
        var out = new StringBuilder(options.prime());
        float[] buffer = new float[vocabulary.size()];
        for (int i = 0; i < options.length(); i++) {
            System.arraycopy(probs, 0, buffer, 0, buffer.length);
            int next = TopK.draw(buffer, options.temperature(), options.topK(), rnd);
            out.append(vocabulary.symbol(next));
            if (i + 1 < options.length()) {
                probs = stepper.step(next);
            }
        }
        return out.toString();
    }

    /**
     * {@code streams} independent samples drawn side by side, one batched LSTM step per character:
     * the same prime for each, state carried, rows drawn in turn from one seeded generator. With the
     * fused LSTM the steps run on the training kernel ({@link CharStepper}); with
     * {@code lstm-impl = dl4j} through the graph's {@code rnnTimeStep}.
     */
    public java.util.List<String> sampleBatch(int streams, SamplingOptions options) {
        if (streams < 1) {
            throw new IllegalArgumentException("streams must be at least 1, got " + streams);
        }
        int[] prime = vocabulary.encode(options.prime(), false);
        var rnd = new Random(options.seed());
        var outs = new StringBuilder[streams];
        for (int s = 0; s < streams; s++) {
            outs[s] = new StringBuilder(options.prime());
        }
        if (model.lstmImpl() == LstmImpl.FUSED) {
            sampleBatchStepwise(prime, options, rnd, outs);
        } else {
            sampleBatchGraph(prime, options, rnd, outs);
        }
        return java.util.Arrays.stream(outs).map(StringBuilder::toString).toList();
    }

    private void sampleBatchStepwise(int[] prime, SamplingOptions options, Random rnd, StringBuilder[] outs) {
        int streams = outs.length;
        int v = vocabulary.size();
        var stepper = new CharStepper(model, streams);
        int[] ids = new int[streams];
        float[] probs = null;
        for (int id : prime) {
            java.util.Arrays.fill(ids, id);
            probs = stepper.step(ids);
        }
        float[] row = new float[v];
        for (int i = 0; i < options.length(); i++) {
            for (int s = 0; s < streams; s++) {
                System.arraycopy(probs, s * v, row, 0, v);
                ids[s] = TopK.draw(row, options.temperature(), options.topK(), rnd);
                outs[s].append(vocabulary.symbol(ids[s]));
            }
            if (i + 1 < options.length()) {
                probs = stepper.step(ids);
            }
        }
    }

    private void sampleBatchGraph(int[] prime, SamplingOptions options, Random rnd, StringBuilder[] outs) {
        int streams = outs.length;
        ComputationGraph graph = model.graph();
        graph.rnnClearPreviousState();
        INDArray input = encode(prime);
        INDArray batch = Nd4j.concat(0, java.util.Collections.nCopies(streams, input).toArray(INDArray[]::new));
        float[][] probs = lastSteps(graph.rnnTimeStep(batch)[0]);
        INDArray step = Nd4j.zeros(DataType.FLOAT, streams, inputDepth(), 1);
        int[] previous = new int[streams];
        java.util.Arrays.fill(previous, -1);
        for (int i = 0; i < options.length(); i++) {
            for (int s = 0; s < streams; s++) {
                int next = TopK.draw(probs[s], options.temperature(), options.topK(), rnd);
                outs[s].append(vocabulary.symbol(next));
                previous[s] = setInput(step, s, previous[s], next);
            }
            if (i + 1 == options.length()) {
                break;
            }
            probs = lastSteps(graph.rnnTimeStep(step)[0]);
        }
        graph.rnnClearPreviousState();
    }

    private static float[][] lastSteps(INDArray out) {
        return (out.rank() == 3 ? out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(out.size(2) - 1))
                : out).toFloatMatrix();
    }

    private int inputDepth() {
        return model.spec().input() == InputKind.ONE_HOT ? vocabulary.size() : 1;
    }

    private int setInput(INDArray step, int previous, int next) {
        return setInput(step, 0, previous, next);
    }

    private int setInput(INDArray step, int row, int previous, int next) {
        if (model.spec().input() == InputKind.ONE_HOT) {
            if (previous >= 0) {
                step.putScalar(row, previous, 0, 0f);
            }
            step.putScalar(row, next, 0, 1f);
        } else {
            step.putScalar(row, 0, 0, next);
        }
        return next;
    }

    private INDArray encode(int[] ids) {
        return model.spec().input() == InputKind.ONE_HOT
                ? OneHot.sequence(ids, vocabulary.size())
                : OneHot.indices(ids);
    }

    private static INDArray lastStep(INDArray out) {
        return out.rank() == 3
                ? out.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(out.size(2) - 1))
                : out.getRow(0);
    }
}
