package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.sample.Seq2SeqDecoder;

/**
 * What {@link Seq2SeqTransformer#transform} computes on the executor holding the rows: each source
 * translated as {@code translate} translates a line (beam width {@code beam}, 1 = greedy; at most
 * {@code maxLength} characters), {@link #CHUNK} rows decoded together. A null source gives null; a
 * character outside the source vocabulary fails the task naming it ({@code error}) or gives null
 * ({@code null}).
 */
record Seq2SeqRows(int source, String handleUnknown, int beam, int maxLength) implements Serializable {

    static final int CHUNK = 64;

    Iterator<Row> apply(Iterator<Row> rows, Seq2SeqWeights weights) {
        Seq2SeqDecoder decoder = weights.decoder();
        Seq2SeqVocabulary vocabulary = weights.vocabulary();
        return new Iterator<>() {
            private Iterator<Row> done = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!done.hasNext() && rows.hasNext()) {
                    var chunk = new ArrayList<Row>(CHUNK);
                    while (chunk.size() < CHUNK && rows.hasNext()) {
                        chunk.add(rows.next());
                    }
                    var out = new ArrayList<Row>(chunk.size());
                    translate(chunk, decoder, vocabulary, out);
                    done = out.iterator();
                }
                return done.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return done.next();
            }
        };
    }

    private void translate(List<Row> chunk, Seq2SeqDecoder decoder, Seq2SeqVocabulary vocabulary, List<Row> out) {
        var sources = new ArrayList<int[]>();
        var at = new int[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            int[] ids = encode(vocabulary, chunk.get(i).getString(source));
            at[i] = ids == null ? -1 : sources.size();
            if (ids != null) {
                sources.add(ids);
            }
        }
        List<Seq2SeqDecoder.Hypothesis> best = sources.isEmpty() ? List.of() : decoder.beam(
                sources.toArray(int[][]::new), beam, vocabulary.startId(), vocabulary.endId(), maxLength);
        for (int i = 0; i < chunk.size(); i++) {
            Row row = chunk.get(i);
            Object[] values = new Object[row.length() + 1];
            for (int c = 0; c < row.length(); c++) {
                values[c] = row.get(c);
            }
            values[row.length()] = at[i] < 0 ? null : vocabulary.decodeTarget(best.get(at[i]).ids());
            out.add(RowFactory.create(values));
        }
    }

    private int[] encode(Seq2SeqVocabulary vocabulary, String text) {
        if (text == null) {
            return null;
        }
        try {
            return vocabulary.encodeSource(text);
        } catch (IllegalArgumentException e) {
            if (CharLstmRows.ERROR.equals(handleUnknown)) {
                throw new IllegalArgumentException("the row's source " + Vocabulary.quote(text) + ": " + e.getMessage()
                        + ": set handleUnknown to null to translate such rows as null", e);
            }
            return null;
        }
    }
}
