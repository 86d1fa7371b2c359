package org.scopedrnn.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Texts and helpers shared by the executor-corpus tests. */
final class CorpusFixtures {

    private CorpusFixtures() {
    }

    /** Seeded text mixing ASCII words, 2-, 3- and 4-byte characters, \r\n and lone \r line ends. */
    static String text(long seed, int chars) {
        String[] pieces = {"the ", "cat ", "\u00e9t\u00e9 ", "\u20ac5 ", "\uD83D\uDE00 ", "\r\n", "\r", "\n", "ok. "};
        var rnd = new Random(seed);
        var sb = new StringBuilder();
        int count = 0;
        while (count < chars) {
            String piece = pieces[rnd.nextInt(pieces.length)];
            sb.append(piece);
            count += piece.codePointCount(0, piece.length());
        }
        return sb.toString();
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    static CorpusOptions options(String input, double validationFraction, int seq, long splitBytes) {
        return new CorpusOptions(input, Newlines.UNIVERSAL, 0, validationFraction, seq, 0, splitBytes);
    }

    /**
     * The windows (seq + 1 ids) of a round built with embedding input, minibatch by minibatch, row
     * by row: features hold the first seq ids, the labels' last step the final one.
     */
    static List<List<List<Integer>>> windows(JavaRDD<DataSet> round) {
        var out = new ArrayList<List<List<Integer>>>();
        for (DataSet ds : round.collect()) {
            INDArray f = ds.getFeatures();
            INDArray l = ds.getLabels();
            int batch = (int) f.size(0);
            int seq = (int) f.size(2);
            var rows = new ArrayList<List<Integer>>();
            for (int b = 0; b < batch; b++) {
                var w = new ArrayList<Integer>();
                for (int t = 0; t < seq; t++) {
                    w.add(f.getInt(b, 0, t));
                }
                w.add(l.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(seq - 1)).argMax().getInt(0));
                rows.add(w);
            }
            out.add(rows);
        }
        return out;
    }

    /** Every training window of one text's ids, as the single-file plan cuts them. */
    static List<List<Integer>> planWindows(int[] trainIds, int seq) {
        var out = new ArrayList<List<Integer>>();
        for (int s = 0; s + seq + 1 <= trainIds.length; s += seq) {
            var w = new ArrayList<Integer>();
            for (int i = 0; i <= seq; i++) {
                w.add(trainIds[s + i]);
            }
            out.add(w);
        }
        return out;
    }
}
