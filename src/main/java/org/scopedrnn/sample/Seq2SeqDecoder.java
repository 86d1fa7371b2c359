package org.scopedrnn.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.model.ParamBinding;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;
import org.scopedrnn.model.Seq2SeqVariables;
import org.scopedrnn.model.Seq2SeqVertex;
import org.scopedrnn.model.SteppedLstm;
import org.scopedrnn.sample.internal.DecoderSteps;
import org.scopedrnn.scope.VariableStore;

/**
 * Inference for a seq2seq model from its canonical weights: encodes a batch of sources, then
 * decodes greedily or with beam search. It holds its own copies of the TensorFlow-layout tensors
 * (looked up by the names {@link Seq2SeqVariables} declares for the spec) and runs TensorFlow's
 * BasicLSTMCell function on the LSTM kernel that trains ({@link SteppedLstm}: token inputs looked
 * up as precomputed input projections, one recurrent GEMM and one pass for all gates per step, one
 * GEMM for the output projection), so it needs neither the training graph nor DL4J.
 *
 * <p>Ids: sources use the source vocabulary; {@code startId} and {@code endId} are target ids (the
 * decoder's first input, and the symbol that ends an output). Results hold the generated ids
 * without the start and end symbols. Immutable after construction; calls share no mutable state.
 */
public final class Seq2SeqDecoder {

    /**
     * A decoded sequence.
     *
     * @param ids generated target ids, without the start id and without the end id
     * @param logProb natural-log probability of {@code ids} followed by the end id (or of {@code ids}
     *     alone if unfinished)
     * @param finished true if the end id was produced within the length limit
     */
    public record Hypothesis(int[] ids, double logProb, boolean finished) {
        public Hypothesis {
            ids = ids.clone();
        }

        @Override
        public int[] ids() {
            return ids.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hypothesis h && Arrays.equals(ids, h.ids) && logProb == h.logProb
                    && finished == h.finished;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids) * 31 + Double.hashCode(logProb) + (finished ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Hypothesis" + Arrays.toString(ids) + "(logProb=" + logProb + (finished ? "" : ", unfinished") + ")";
        }
    }

    /** Rows of LSTM state, {@code float[rows * hidden]} each, row-major. */
    private record State(float[] h, float[] c) {
    }

    private final Seq2SeqSpec spec;
    private final int hidden;
    private final SteppedLstm encoder;
    private final SteppedLstm decoder;
    private final SteppedLstm.Dense output;

    private Seq2SeqDecoder(Seq2SeqSpec spec, SteppedLstm encoder, SteppedLstm decoder, SteppedLstm.Dense output) {
        this.spec = spec;
        this.hidden = spec.hiddenSize();
        this.encoder = encoder;
        this.decoder = decoder;
        this.output = output;
    }

    /** A decoder holding a copy of {@code model}'s current weights. */
    public static Seq2SeqDecoder of(Seq2SeqModel model) {
        return fromWeights(model.spec(), model.weights());
    }

    /**
     * A decoder for {@code spec} from canonical tensors (a checkpoint's, or a model's
     * {@link Seq2SeqModel#weights()}); names are those {@link Seq2SeqVariables} declares for the spec.
     *
     * @throws IllegalArgumentException listing missing and unexpected names and wrong shapes or types
     */
    public static Seq2SeqDecoder fromWeights(Seq2SeqSpec spec, Map<String, ? extends Tensor> weights) {
        List<ParamBinding> bindings = Seq2SeqVariables.declare(spec, new VariableStore());
        ParamBinding.requireMatching(bindings, weights, "the seq2seq spec " + spec.toMap());
        INDArray encEmb = null;
        INDArray decEmb = null;
        INDArray encKernel = null;
        INDArray encBias = null;
        INDArray decKernel = null;
        INDArray decBias = null;
        INDArray outW = null;
        INDArray outB = null;
        for (ParamBinding b : bindings) {
            INDArray value = array((FloatTensor) weights.get(b.variable()));
            if (b instanceof ParamBinding.Same s) {
                switch (s.key()) {
                    case Seq2SeqVertex.SHARED_EMBEDDING -> {
                        encEmb = value;
                        decEmb = value;
                    }
                    case Seq2SeqVertex.ENCODER_EMBEDDING -> encEmb = value;
                    case Seq2SeqVertex.DECODER_EMBEDDING -> decEmb = value;
                    case "W" -> outW = value;
                    case "b" -> outB = value;
                    default -> throw new IllegalStateException("unknown seq2seq binding " + s);
                }
            } else if (b instanceof ParamBinding.SameDiffLstmKernel k) {
                if (k.prefix().equals(Seq2SeqVertex.ENCODER)) {
                    encKernel = value;
                } else {
                    decKernel = value;
                }
            } else if (b instanceof ParamBinding.SameDiffLstmBias bias) {
                if (bias.prefix().equals(Seq2SeqVertex.ENCODER)) {
                    encBias = value;
                } else {
                    decBias = value;
                }
            } else {
                throw new IllegalStateException("unknown seq2seq binding " + b);
            }
        }
        if (decKernel == null) { // the decoder reuses the encoder's scope: one LSTM
            decKernel = encKernel;
            decBias = encBias;
        }
        int e = spec.embeddingSize();
        double forget = Seq2SeqSpec.FORGET_BIAS;
        return new Seq2SeqDecoder(spec, SteppedLstm.ofTensorFlow(encKernel, encBias, e, forget).withIdInputs(encEmb),
                SteppedLstm.ofTensorFlow(decKernel, decBias, e, forget).withIdInputs(decEmb),
                new SteppedLstm.Dense(outW, outB.reshape(1, spec.targetVocab())));
    }

    private static INDArray array(FloatTensor t) {
        return Nd4j.create(t.values(), t.shape(), 'c').castTo(DataType.FLOAT);
    }

    public Seq2SeqSpec spec() {
        return spec;
    }

    /** The encoder's final state for each source, each taken at the source's last id. */
    private State encode(int[][] sources) {
        int batch = sources.length;
        int maxLen = 0;
        for (int b = 0; b < batch; b++) {
            if (sources[b].length == 0) {
                throw new IllegalArgumentException("source " + b + " is empty: every source needs at least one id");
            }
            checkIds("source " + b, sources[b], spec.sourceVocab());
            maxLen = Math.max(maxLen, sources[b].length);
        }
        var state = new State(new float[batch * hidden], new float[batch * hidden]);
        float[] keptH = new float[batch * hidden];
        float[] keptC = new float[batch * hidden];
        SteppedLstm.Run run = encoder.run(batch);
        int[] ids = new int[batch];
        for (int t = 0; t < maxLen; t++) {
            System.arraycopy(state.h(), 0, keptH, 0, keptH.length);
            System.arraycopy(state.c(), 0, keptC, 0, keptC.length);
            for (int b = 0; b < batch; b++) {
                ids[b] = t < sources[b].length ? sources[b][t] : 0;
            }
            run.step(batch, ids, state.h(), state.c());
            for (int b = 0; b < batch; b++) {
                if (t >= sources[b].length) { // a finished source keeps its state
                    System.arraycopy(keptH, b * hidden, state.h(), b * hidden, hidden);
                    System.arraycopy(keptC, b * hidden, state.c(), b * hidden, hidden);
                }
            }
        }
        return state;
    }

    /**
     * Teacher-forced log-probabilities {@code [Tt][Vt]}: the decoder started from {@code source}'s
     * encoding, fed {@code targetIn} (start id, then the target), as the training graph computes them.
     */
    public double[][] logProbabilities(int[] source, int[] targetIn) {
        checkIds("target input", targetIn, spec.targetVocab());
        State state = encode(new int[][] {source});
        var steps = new DecoderSteps(decoder, output, 1);
        double[][] out = new double[targetIn.length][];
        for (int t = 0; t < targetIn.length; t++) {
            out[t] = steps.step(1, new int[] {targetIn[t]}, state.h(), state.c())[0];
        }
        return out;
    }

    /**
     * Greedy decoding: at each step the most probable id (the lowest id on ties), until the end id
     * or {@code maxLength} steps (the end id counts as a step).
     */
    public List<Hypothesis> greedy(int[][] sources, int startId, int endId, int maxLength) {
        checkSymbols(startId, endId, maxLength);
        int batch = sources.length;
        State state = encode(sources);
        var steps = new DecoderSteps(decoder, output, batch);
        int[] previous = new int[batch];
        Arrays.fill(previous, startId);
        List<List<Integer>> ids = new ArrayList<>();
        double[] logProb = new double[batch];
        boolean[] finished = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            ids.add(new ArrayList<>());
        }
        int done = 0;
        for (int step = 0; step < maxLength && done < batch; step++) {
            double[][] out = steps.step(batch, previous, state.h(), state.c());
            for (int b = 0; b < batch; b++) {
                if (finished[b]) {
                    continue;
                }
                double[] row = out[b];
                int best = argmax(row);
                logProb[b] += row[best];
                if (best == endId) {
                    finished[b] = true;
                    done++;
                } else {
                    ids.get(b).add(best);
                }
                previous[b] = best;
            }
        }
        var result = new ArrayList<Hypothesis>(batch);
        for (int b = 0; b < batch; b++) {
            result.add(new Hypothesis(toArray(ids.get(b)), logProb[b], finished[b]));
        }
        return result;
    }

    /**
     * Beam search of width {@code beamWidth} per source. Each step extends every live hypothesis by
     * every id and keeps the {@code beamWidth} best by total log-probability (ties: earlier hypothesis,
     * then lower id); a kept extension by the end id is finished and leaves the beam. Search stops when
     * the beam is empty, when no live hypothesis can beat the best finished one (log-probabilities only
     * fall), or after {@code maxLength} steps. Returns the best finished hypothesis, or the best live one
     * if none finished. No length normalisation. With {@code beamWidth} 1 this is {@link #greedy}.
     */
    public List<Hypothesis> beam(int[][] sources, int beamWidth, int startId, int endId, int maxLength) {
        checkSymbols(startId, endId, maxLength);
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beam width must be at least 1, got " + beamWidth);
        }
        State encoded = encode(sources);
        var steps = new DecoderSteps(decoder, output, beamWidth);
        var result = new ArrayList<Hypothesis>(sources.length);
        for (int s = 0; s < sources.length; s++) {
            State first = new State(Arrays.copyOfRange(encoded.h(), s * hidden, (s + 1) * hidden),
                    Arrays.copyOfRange(encoded.c(), s * hidden, (s + 1) * hidden));
            result.add(beamOne(steps, first, beamWidth, startId, endId, maxLength));
        }
        return result;
    }

    private record Live(int[] ids, int last, double logProb) {
    }

    private record Candidate(int parent, int id, double logProb) {
    }

    private Hypothesis beamOne(DecoderSteps steps, State first, int width, int startId, int endId, int maxLength) {
        List<Live> live = List.of(new Live(new int[0], startId, 0));
        State state = first;
        Hypothesis bestFinished = null;
        for (int step = 0; step < maxLength && !live.isEmpty(); step++) {
            if (bestFinished != null && bestFinished.logProb() >= live.get(0).logProb()) {
                break;
            }
            int[] previous = new int[live.size()];
            for (int k = 0; k < live.size(); k++) {
                previous[k] = live.get(k).last();
            }
            double[][] out = steps.step(live.size(), previous, state.h(), state.c());
            var candidates = new ArrayList<Candidate>();
            for (int k = 0; k < live.size(); k++) {
                double[] row = out[k];
                for (int v = 0; v < row.length; v++) {
                    candidates.add(new Candidate(k, v, live.get(k).logProb() + row[v]));
                }
            }
            candidates.sort(Comparator.comparingDouble(Candidate::logProb).reversed()
                    .thenComparingInt(Candidate::parent).thenComparingInt(Candidate::id));
            var nextLive = new ArrayList<Live>();
            var rows = new ArrayList<Integer>();
            for (Candidate cand : candidates.subList(0, Math.min(width, candidates.size()))) {
                Live parent = live.get(cand.parent());
                if (cand.id() == endId) {
                    if (bestFinished == null || cand.logProb() > bestFinished.logProb()) {
                        bestFinished = new Hypothesis(parent.ids(), cand.logProb(), true);
                    }
                } else {
                    int[] ids = Arrays.copyOf(parent.ids(), parent.ids().length + 1);
                    ids[ids.length - 1] = cand.id();
                    nextLive.add(new Live(ids, cand.id(), cand.logProb()));
                    rows.add(cand.parent());
                }
            }
            live = nextLive;
            if (!live.isEmpty()) {
                state = rowsOf(state, rows.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        if (bestFinished != null) {
            return bestFinished;
        }
        Live best = live.get(0); // sorted best first
        return new Hypothesis(best.ids(), best.logProb(), false);
    }

    /** A new state holding {@code state}'s rows {@code parents[0]}, {@code parents[1]}, ... */
    private State rowsOf(State state, int[] parents) {
        var out = new State(new float[parents.length * hidden], new float[parents.length * hidden]);
        for (int k = 0; k < parents.length; k++) {
            System.arraycopy(state.h(), parents[k] * hidden, out.h(), k * hidden, hidden);
            System.arraycopy(state.c(), parents[k] * hidden, out.c(), k * hidden, hidden);
        }
        return out;
    }

    private void checkSymbols(int startId, int endId, int maxLength) {
        checkIds("start id", new int[] {startId}, spec.targetVocab());
        checkIds("end id", new int[] {endId}, spec.targetVocab());
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length must be at least 1, got " + maxLength);
        }
    }

    private static void checkIds(String what, int[] ids, int vocab) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException(what + " has id " + ids[i] + " at position " + i
                        + ", outside the vocabulary [0, " + vocab + ")");
            }
        }
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int v = 1; v < row.length; v++) {
            if (row[v] > row[best]) {
                best = v;
            }
        }
        return best;
    }

    private static int[] toArray(List<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
