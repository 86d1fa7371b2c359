package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.data.ExecutorPairs;
import org.scopedrnn.data.Pair;
import org.scopedrnn.data.PairCorpus;
import org.scopedrnn.data.PairCorpusOptions;
import org.scopedrnn.data.PairOptions;
import org.scopedrnn.data.PairScan;
import org.scopedrnn.data.PairSplit;
import org.scopedrnn.data.Seq2SeqVocabulary;
import org.scopedrnn.data.ValidationSum;
import org.scopedrnn.model.OptimizerSpec;
import org.scopedrnn.model.Seq2SeqModel;
import org.scopedrnn.model.Seq2SeqSpec;

/** The executors' validation sum is the figure the driver computed on the same pairs before. */
class Seq2SeqExecutorValidationTest extends SparkTestBase {

    private static final long SEED = 11;

    @TempDir
    Path dir;

    @Test
    void theExecutorsSumEqualsTheDriverSideFigureOnTheSameValidationPairs() throws IOException {
        var text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append(TinyJobs.pairLine(i * 7 + i / 8).replace("\n", i % 3 == 0 ? " " + i + "\r\n" : "\n"));
        }
        Path file = Files.writeString(dir.resolve("pairs.tsv"), text);
        List<Pair> all = PairCorpus.read(file.toString(), PairOptions.ALL, new Configuration()).pairs();
        Seq2SeqVocabulary vocab = Seq2SeqVocabulary.of(all);
        PairSplit<Seq2SeqVocabulary.EncodedPair> today = PairSplit.of(vocab.encodeAll(all), 0.2,
                PairSplit.Mode.SHUFFLED, SEED);
        Seq2SeqModel model = Seq2SeqModel.create(Seq2SeqSpec.of(vocab.sourceSize(), vocab.targetSize(), 8, 16),
                OptimizerSpec.adam(1e-3, 0, SEED));
        double driverLoss = Seq2SeqTrainer.validationLoss(model, today.validation(), vocab);
        long steps = today.validation().stream().mapToLong(p -> p.targetLength() + 1).sum();

        for (long split : new long[] {1 << 20, 500}) {
            PairScan scan = PairScan.run(sc(), new PairCorpusOptions(file.toString(), PairOptions.ALL, 0.2, split));
            try (ExecutorPairs pairs = ExecutorPairs.load(sc(), scan, scan.vocabulary(), SEED)) {
                assertEquals(vocab, pairs.vocabulary());
                ValidationSum sum = Seq2SeqExecutorValidation.sum(sc(), pairs, model);
                assertEquals(steps, sum.chars(), "target characters plus END, split " + split);
                // one segment: the very minibatches the driver scored; several: other paddings, same pairs
                double tolerance = split > Files.size(file) ? 1e-9 : 1e-5;
                assertEquals(driverLoss * steps, sum.nats(), tolerance * driverLoss * steps, "split " + split);
                assertTrue(sum.natsPerChar() > 0);
            }
        }
    }
}
