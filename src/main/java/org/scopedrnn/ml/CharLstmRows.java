package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.eval.CharEvaluator;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.sample.CharSampler;
import org.scopedrnn.sample.SamplingOptions;

/**
 * What {@link CharLstmTransformer#transform} computes for each row, on the executor holding it:
 * the row's text scored as {@code evaluate --text} scores a file (newline mode applied, zero
 * initial state, state carried through, mean nats per transition), and, with a prime column, a
 * sample as {@code sample --prime} draws it.
 *
 * <p>A text with fewer than 2 characters (after dropping unknown ones with {@code skip}) has no
 * transition to score: null. A character outside the vocabulary fails the task with a message
 * naming it ({@code error}, the default), makes the row's value null ({@code null}) or is dropped
 * ({@code skip}, as {@code evaluate --skip-unknown}; a prime with one gives null). A null text or prime
 * gives null.
 *
 * @param prime the prime column's index, or -1 for no generated text
 */
record CharLstmRows(int input, int prime, String handleUnknown, Newlines newlines, int chars, double temperature,
        int topK, long seed) implements Serializable {

    static final String ERROR = "error";
    static final String NULL = "null";
    static final String SKIP = "skip";

    Iterator<Row> apply(Iterator<Row> rows, CharLstmWeights weights) {
        CharLstmModel model = weights.model();
        Vocabulary vocabulary = weights.vocabulary();
        long sampleSeed = seed == 0 ? weights.trainSeed() : seed;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                int n = row.length();
                Object[] out = new Object[n + (prime >= 0 ? 2 : 1)];
                for (int i = 0; i < n; i++) {
                    out[i] = row.get(i);
                }
                out[n] = score(model, vocabulary, row.getString(input));
                if (prime >= 0) {
                    out[n + 1] = generate(model, vocabulary, row.getString(prime), sampleSeed);
                }
                return RowFactory.create(out);
            }
        };
    }

    private Double score(CharLstmModel model, Vocabulary vocabulary, String text) {
        if (text == null) {
            return null;
        }
        int[] ids;
        try {
            ids = vocabulary.encode(newlines.apply(text), SKIP.equals(handleUnknown));
        } catch (Vocabulary.UnknownCharactersException e) {
            return unknown(e, "text", text);
        }
        return ids.length < 2 ? null : CharEvaluator.streaming(model, ids, 0).natsPerChar();
    }

    private String generate(CharLstmModel model, Vocabulary vocabulary, String prime, long sampleSeed) {
        if (prime == null || prime.isEmpty()) {
            return null;
        }
        String text = newlines.apply(prime);
        try {
            vocabulary.encode(text, false);
        } catch (Vocabulary.UnknownCharactersException e) {
            return unknown(e, "prime", prime);
        }
        return new CharSampler(model, vocabulary).sample(new SamplingOptions(text, chars, temperature, topK,
                sampleSeed));
    }

    private <T> T unknown(Vocabulary.UnknownCharactersException e, String what, String text) {
        if (ERROR.equals(handleUnknown)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the row's %s %s: %s: set handleUnknown "
                    + "to null or skip to score such rows", what, Vocabulary.quote(abbreviate(text)), e.getMessage()),
                    e);
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
