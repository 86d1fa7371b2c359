package org.scopedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.data.CorpusOptions;
import org.scopedrnn.data.CorpusScan;
import org.scopedrnn.data.CorpusSplit;
import org.scopedrnn.data.ExecutorCorpus;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.data.TextCorpus;
import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.model.LstmImpl;
import org.scopedrnn.model.OptimizerSpec;

class CharLstmExecutorValidationTest extends SparkTestBase {

    @TempDir
    Path dir;

    private static String text(long seed, int chars) {
        var rnd = new Random(seed);
        String[] words = {"anna ", "karenina ", "\u00e9t\u00e9 ", "train\r\n", "happy ", "famil\u00ee "};
        var sb = new StringBuilder();
        while (sb.length() < chars) {
            sb.append(words[rnd.nextInt(words.length)]);
        }
        return sb.toString();
    }

    @Test
    void executorScoringEqualsTheDriversValidationLossForOneFile() throws IOException {
        Path file = dir.resolve("anna.txt");
        Files.write(file, text(3, 6000).getBytes(StandardCharsets.UTF_8));
        String read = TextCorpus.read(file.toString(), new Configuration()).text();
        Vocabulary vocab = Vocabulary.of(read);
        for (InputKind input : new InputKind[] {InputKind.ONE_HOT, InputKind.EMBEDDING}) {
            for (long cap : new long[] {0, 300}) {
                var spec = new CharLstmSpec(vocab.size(), 2, 12, input, input == InputKind.EMBEDDING ? 5 : 0, 1.0, 1.0,
                        CharLstmSpec.DEFAULT_ROOT_SCOPE);
                CharLstmModel model = CharLstmModel.create(spec, OptimizerSpec.adam(0.01, 0, 11), LstmImpl.FUSED);
                CorpusSplit split = CorpusSplit.of(vocab.encode(read, false), 0.1, 25);
                double driver = CharLstmTrainer.validationLoss(model, split.validation(), 25, cap);

                var options = new CorpusOptions(file.toString(), Newlines.UNIVERSAL, 0, 0.1, 25, cap, 700);
                CorpusScan scan = CorpusScan.run(sc(), options);
                try (ExecutorCorpus corpus = ExecutorCorpus.load(sc(), scan, scan.vocabulary())) {
                    double executors = CharLstmExecutorValidation.loss(sc(), corpus, model);
                    assertTrue(driver > 0 && Double.isFinite(driver), "driver loss " + driver);
                    assertEquals(driver, executors, 1e-5 * driver, input + ", cap " + cap);
                }
            }
        }
    }
}
