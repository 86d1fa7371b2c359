package org.scopedrnn.data;

import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.data.internal.SegmentIds;
import org.scopedrnn.data.internal.SegmentLayout;
import scala.Tuple2;

/** Executor-side assembly of {@link ExecutorCorpus}'s minibatches; touches only its arguments. */
final class Minibatches {

    private Minibatches() {
    }

    /** One training minibatch from its rows (slot, window of seq + 1 ids), each slot exactly once. */
    static DataSet assemble(Iterable<Tuple2<Integer, int[]>> rows, int batchSize, int seq, int vocab, boolean oneHot) {
        int width = seq + 1;
        int[] ids = new int[batchSize * width];
        boolean[] filled = new boolean[batchSize];
        int count = 0;
        for (Tuple2<Integer, int[]> row : rows) {
            int slot = row._1();
            if (filled[slot]) {
                throw new IllegalStateException("minibatch row " + slot + " was assembled twice");
            }
            filled[slot] = true;
            System.arraycopy(row._2(), 0, ids, slot * width, width);
            count++;
        }
        if (count != batchSize) {
            throw new IllegalStateException("minibatch has " + count + " of its " + batchSize + " rows");
        }
        return CharDataSets.toDataSet(ids, starts(batchSize, width), seq, vocab, oneHot);
    }

    /** Scores a segment's validation windows in minibatches of at most {@code batchWindows}. */
    static ValidationSum scoreValidation(SegmentIds segment, int batchWindows, int vocab, boolean oneHot,
            ToDoubleFunction<DataSet> nllSum) {
        SegmentLayout layout = segment.layout();
        int seq = layout.seqLength();
        int width = seq + 1;
        double nats = 0;
        long chars = 0;
        for (long first = 0; first < layout.validationWindows(); first += batchWindows) {
            int n = (int) Math.min(batchWindows, layout.validationWindows() - first);
            int[] ids = new int[n * width];
            for (int i = 0; i < n; i++) {
                segment.copy(layout.validationStart(first + i), width, ids, i * width);
            }
            nats += nllSum.applyAsDouble(CharDataSets.toDataSet(ids, starts(n, width), seq, vocab, oneHot));
            chars += (long) n * seq;
        }
        return new ValidationSum(nats, chars);
    }

    private static int[] starts(int n, int width) {
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = i * width;
        }
        return starts;
    }
}
