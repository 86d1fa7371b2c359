package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.scopedrnn.data.internal.PairIds;
import org.scopedrnn.data.internal.RoundRequest;
import org.scopedrnn.data.internal.SegmentPairs;
import scala.Tuple2;

/** Executor-side assembly of {@link ExecutorPairs}' minibatches; touches only its arguments. */
final class PairBatches {

    private PairBatches() {
    }

    /** The rows {@code request} asks of {@code segment}: (minibatch, (slot, {source, target} ids)). */
    static List<Tuple2<Integer, Tuple2<Integer, int[][]>>> rows(SegmentPairs segment, RoundRequest request,
            int batchSize) {
        int[] range = request.range(segment.index());
        var out = new ArrayList<Tuple2<Integer, Tuple2<Integer, int[][]>>>(range[1] - range[0]);
        for (int k = range[0]; k < range[1]; k++) {
            int target = request.target(k);
            int i = (int) request.window(k);
            out.add(new Tuple2<>(target / batchSize, new Tuple2<>(target % batchSize,
                    new int[][] {segment.train().source(i), segment.train().target(i)})));
        }
        return out;
    }

    /** One training minibatch from its rows (slot, {source, target} ids), each slot exactly once, in slot order. */
    static MultiDataSet assemble(Iterable<Tuple2<Integer, int[][]>> rows, int batchSize, int sourceSize,
            int targetSize, Seq2SeqBatches.Format format) {
        Seq2SeqVocabulary.EncodedPair[] slots = new Seq2SeqVocabulary.EncodedPair[batchSize];
        int count = 0;
        for (Tuple2<Integer, int[][]> row : rows) {
            int slot = row._1();
            if (slots[slot] != null) {
                throw new IllegalStateException("minibatch row " + slot + " was assembled twice");
            }
            slots[slot] = new Seq2SeqVocabulary.EncodedPair(row._2()[0], row._2()[1]);
            count++;
        }
        if (count != batchSize) {
            throw new IllegalStateException("minibatch has " + count + " of its " + batchSize + " rows");
        }
        return Seq2SeqBatches.toMultiDataSet(Arrays.asList(slots), sourceSize, targetSize, format);
    }

    /**
     * Scores a segment's validation pairs, in their validation order, in minibatches of at most
     * {@code batchPairs} (for one segment: the minibatches the driver-side validation cut).
     */
    static ValidationSum scoreValidation(SegmentPairs segment, int batchPairs, int sourceSize, int targetSize,
            Seq2SeqBatches.Format format, ToDoubleFunction<MultiDataSet> nllSum) {
        PairIds pairs = segment.validation();
        double nats = 0;
        long steps = 0;
        for (int first = 0; first < pairs.size(); first += batchPairs) {
            int n = Math.min(batchPairs, pairs.size() - first);
            var batch = new ArrayList<Seq2SeqVocabulary.EncodedPair>(n);
            for (int i = first; i < first + n; i++) {
                batch.add(new Seq2SeqVocabulary.EncodedPair(pairs.source(i), pairs.target(i)));
                steps += pairs.targetSteps(i);
            }
            nats += nllSum.applyAsDouble(Seq2SeqBatches.toMultiDataSet(batch, sourceSize, targetSize, format));
        }
        return new ValidationSum(nats, steps);
    }

    /** The segment's validation pairs whose rank in their file is below {@code limits[file]}, as (file, rank, ids). */
    static List<Tuple2<long[], int[][]>> sample(SegmentPairs segment, long[] limits) {
        var out = new ArrayList<Tuple2<long[], int[][]>>();
        PairIds pairs = segment.validation();
        for (int i = 0; i < pairs.size() && pairs.rank(i) < limits[segment.fileIndex()]; i++) {
            out.add(new Tuple2<>(new long[] {segment.fileIndex(), pairs.rank(i)},
                    new int[][] {pairs.source(i), pairs.target(i)}));
        }
        return out;
    }
}
