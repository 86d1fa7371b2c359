package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns encoded pairs into DL4J {@link MultiDataSet} minibatches for a teacher-forced encoder /
 * decoder. Runs on executors, so it only touches its arguments.
 *
 * <p>With {@code B} pairs in the batch, {@code Ts} = the longest source in the batch,
 * {@code Tt} = the longest target in the batch + 1, {@code Vs}/{@code Vt} = the source/target
 * vocabulary sizes including reserved ids ({@link Seq2SeqVocabulary#sourceSize()},
 * {@link Seq2SeqVocabulary#targetSize()}), and the {@link Format#DEFAULT default format}
 * ({@link Input#IDS} in {@link RNNFormat#NCW}):
 * <pre>
 * features[0]      source ids              [B, Ts]      float; PAD (0), then source b's ids at t &gt;= Ts - len
 * features[1]      decoder input ids       [B, Tt]      float; START, target ids, then PAD (0)
 * labels[0]        next-id one-hot         [B, Vt, Tt]  float; target ids then END, one-hot;
 *                                                        all-zero columns at padding
 * featuresMask[0]  source mask             [B, Ts]      0 at padding, 1 at the source's characters
 * featuresMask[1]  decoder input mask      [B, Tt]      1 at START and the target's characters
 * labelsMask[0]    label mask              [B, Tt]      1 at the target's characters and END
 * </pre>
 * So for pair ("ab", "xyz") in a batch with Ts = 3, Tt = 5: source {@code [PAD, a, b]}, mask
 * {@code [0, 1, 1]} (sources are left-padded so that every encoder ends at its source's last
 * character: see {@code Seq2SeqVertex}); decoder input {@code [START, x, y, z, PAD]}; labels
 * {@code [x, y, z, END, -]}; both target masks {@code [1, 1, 1, 1, 0]}. The decoder input mask
 * and the label mask are equal but separate arrays. Every pair has at least one source character
 * and one label (END), so no row of a mask is all zero. The loss the model reports per character
 * is the masked mean over the label mask, END included.
 *
 * <p>Other layouts, chosen in one place by {@link Format}: {@link Input#IDS_3D} gives ids as
 * {@code [B, 1, T]} (NCW) or {@code [B, T, 1]} (NWC); {@link Input#ONE_HOT} gives
 * {@code [B, V, T]} / {@code [B, T, V]} one-hot inputs with all-zero vectors at padding;
 * {@link RNNFormat#NWC} puts time before depth in the inputs and labels ({@code [B, Tt, Vt]}).
 * Masks are always {@code [B, T]}.
 *
 * <p>DL4J 1.0.0-M2 notes: {@code EmbeddingSequenceLayer} takes ids as {@code [B, T]} or
 * {@code [B, 1, T]} with a {@code [B, T]} mask; {@code LastTimeStepVertex("source")} uses the source
 * mask to pick each encoder's last real step; but {@code DuplicateToTimeSeriesVertex(name)} reads
 * the time length as dimension 2 of the network input it names, so a graph that repeats the
 * encoder's state along the decoder input needs {@link Input#IDS_3D} (or one-hot), not
 * {@link Input#IDS}. DL4J's score with a label mask is the summed cross-entropy over unmasked
 * steps divided by {@code B}, not by the number of characters: divide by
 * {@code labelsMask.sum() / B} to report nats per character.
 */
public final class Seq2SeqBatches {

    /** Index of the source in {@code features} and {@code featuresMask}. */
    public static final int SOURCE = 0;
    /** Index of the decoder input in {@code features} and {@code featuresMask}. */
    public static final int DECODER_INPUT = 1;

    private Seq2SeqBatches() {
    }

    /** How token sequences are fed to the graph. */
    public enum Input {
        /** Ids as floats, rank 2: {@code [B, T]}. */
        IDS,
        /** Ids as floats, rank 3 with depth 1: {@code [B, 1, T]} (NCW) or {@code [B, T, 1]} (NWC). */
        IDS_3D,
        /** One-hot over the vocabulary: {@code [B, V, T]} (NCW) or {@code [B, T, V]} (NWC); PAD is all zero. */
        ONE_HOT
    }

    /**
     * The array layout of a batch: the single place to change when the model's input format
     * changes.
     */
    public record Format(Input input, RNNFormat layout) implements java.io.Serializable {

        /** Ids {@code [B, T]}, labels {@code [B, Vt, Tt]}, masks {@code [B, T]}. */
        public static final Format DEFAULT = new Format(Input.IDS, RNNFormat.NCW);

        public Format {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(layout, "layout");
        }

        /** Shape of features[0] or features[1] for a vocabulary of {@code depth} and {@code steps}. */
        public long[] inputShape(int batch, int depth, int steps) {
            return switch (input) {
                case IDS -> new long[] {batch, steps};
                case IDS_3D -> layout == RNNFormat.NCW ? new long[] {batch, 1, steps} : new long[] {batch, steps, 1};
                case ONE_HOT -> sequenceShape(batch, depth, steps);
            };
        }

        /** Shape of labels[0]. */
        public long[] labelShape(int batch, int targetSize, int steps) {
            return sequenceShape(batch, targetSize, steps);
        }

        private long[] sequenceShape(int batch, int depth, int steps) {
            return layout == RNNFormat.NCW ? new long[] {batch, depth, steps} : new long[] {batch, steps, depth};
        }

        /** Flat c-order offset of (b, depth index d, step t) in an array of {@link #sequenceShape}. */
        int offset(int b, int d, int t, int depth, int steps) {
            return layout == RNNFormat.NCW ? (b * depth + d) * steps + t : (b * steps + t) * depth + d;
        }
    }

    /** {@link #toMultiDataSet(List, int, int, Format)} with the vocabulary's sizes. */
    public static MultiDataSet toMultiDataSet(List<Seq2SeqVocabulary.EncodedPair> pairs, Seq2SeqVocabulary vocab,
                                              Format format) {
        return toMultiDataSet(pairs, vocab.sourceSize(), vocab.targetSize(), format);
    }

    /** The pairs at {@code indices} (e.g. one batch of a {@link PairPlan}) as one minibatch. */
    public static MultiDataSet toMultiDataSet(List<Seq2SeqVocabulary.EncodedPair> all, int[] indices,
                                              int sourceSize, int targetSize, Format format) {
        var batch = new ArrayList<Seq2SeqVocabulary.EncodedPair>(indices.length);
        for (int i : indices) {
            batch.add(all.get(i));
        }
        return toMultiDataSet(batch, sourceSize, targetSize, format);
    }

    /**
     * One minibatch of {@code pairs}, padded to its own longest source and target; see the class
     * comment for the arrays. {@code sourceSize}/{@code targetSize} include the reserved ids.
     */
    public static MultiDataSet toMultiDataSet(List<Seq2SeqVocabulary.EncodedPair> pairs, int sourceSize,
                                              int targetSize, Format format) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a minibatch needs at least one pair");
        }
        if (sourceSize < Seq2SeqVocabulary.SOURCE_OFFSET + 1 || targetSize < Seq2SeqVocabulary.TARGET_OFFSET + 1) {
            throw new IllegalArgumentException("vocabulary sizes must include the reserved ids and one character: "
                    + "source >= " + (Seq2SeqVocabulary.SOURCE_OFFSET + 1) + ", target >= "
                    + (Seq2SeqVocabulary.TARGET_OFFSET + 1) + ", got " + sourceSize + " and " + targetSize);
        }
        int batch = pairs.size();
        int ts = 0;
        int tt = 0;
        for (var p : pairs) {
            ts = Math.max(ts, p.sourceLength());
            tt = Math.max(tt, p.targetLength() + 1);
        }
        float[] source = new float[size(format.inputShape(batch, sourceSize, ts))];
        float[] decoderIn = new float[size(format.inputShape(batch, targetSize, tt))];
        float[] labels = new float[size(format.labelShape(batch, targetSize, tt))];
        float[] sourceMask = new float[batch * ts];
        float[] targetMask = new float[batch * tt];
        for (int b = 0; b < batch; b++) {
            var p = pairs.get(b);
            int start = ts - p.sourceLength();
            for (int t = 0; t < p.sourceLength(); t++) {
                int id = check("source", p.source(t), Seq2SeqVocabulary.SOURCE_OFFSET, sourceSize, b, t);
                put(format, source, b, id, start + t, sourceSize, ts);
                sourceMask[b * ts + start + t] = 1f;
            }
            int steps = p.targetLength() + 1;
            for (int t = 0; t < steps; t++) {
                int in = t == 0 ? Seq2SeqVocabulary.START : p.target(t - 1);
                int next = t == steps - 1 ? Seq2SeqVocabulary.END : p.target(t);
                if (t > 0) {
                    check("target", in, Seq2SeqVocabulary.TARGET_OFFSET, targetSize, b, t - 1);
                }
                put(format, decoderIn, b, in, t, targetSize, tt);
                labels[format.offset(b, next, t, targetSize, tt)] = 1f;
                targetMask[b * tt + t] = 1f;
            }
        }
        INDArray[] features = {
            Nd4j.create(source, format.inputShape(batch, sourceSize, ts), 'c'),
            Nd4j.create(decoderIn, format.inputShape(batch, targetSize, tt), 'c')
        };
        INDArray[] featureMasks = {
            Nd4j.create(sourceMask, new long[] {batch, ts}, 'c'),
            Nd4j.create(targetMask, new long[] {batch, tt}, 'c')
        };
        INDArray[] labelArrays = {Nd4j.create(labels, format.labelShape(batch, targetSize, tt), 'c')};
        INDArray[] labelMasks = {Nd4j.create(targetMask.clone(), new long[] {batch, tt}, 'c')};
        return new MultiDataSet(features, labelArrays, featureMasks, labelMasks);
    }

    private static void put(Format format, float[] array, int b, int id, int t, int depth, int steps) {
        if (format.input() == Input.ONE_HOT) {
            array[format.offset(b, id, t, depth, steps)] = 1f;
        } else {
            array[b * steps + t] = id; // [B, T], [B, 1, T] and [B, T, 1] share this c-order layout
        }
    }

    private static int check(String side, int id, int first, int size, int b, int t) {
        if (id < first || id >= size) {
            throw new IllegalArgumentException(side + " id " + id + " of pair " + b + " at position " + t
                    + " is not a " + side + " character id [" + first + ", " + size + "): encode pairs with the "
                    + "Seq2SeqVocabulary whose sizes are passed here");
        }
        return id;
    }

    private static int size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a minibatch of shape " + java.util.Arrays.toString(shape)
                    + " is too large: use a smaller batch size or shorter pairs");
        }
        return (int) n;
    }

    /** Every pair, in order, as minibatches of at most {@code batchSize} (for validation). */
    public static List<MultiDataSet> sequential(List<Seq2SeqVocabulary.EncodedPair> pairs, int batchSize,
                                                int sourceSize, int targetSize, Format format) {
        var out = new ArrayList<MultiDataSet>();
        for (int[] indices : PairPlan.sequential(pairs.size(), batchSize)) {
            out.add(toMultiDataSet(pairs, indices, sourceSize, targetSize, format));
        }
        return out;
    }
}
