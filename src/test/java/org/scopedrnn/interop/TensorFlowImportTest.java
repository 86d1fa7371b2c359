package org.scopedrnn.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.Fixtures;
import org.scopedrnn.sample.OneHot;

/**
 * A checkpoint TensorFlow wrote with anna_writer.py's names, imported and run by DL4J, gives
 * TensorFlow's own predictions for every step of the probe text.
 */
class TensorFlowImportTest {

    @Test
    void importedCheckpointReproducesTensorFlowsLogitsAtEveryStep() throws IOException {
        Path fixture = Fixtures.get("tf1-char-lstm");
        JsonNode probe = new ObjectMapper().readTree(fixture.resolve("probe.json").toFile());
        LoadedCharLstm loaded = LoadedCharLstm.load(
                new org.apache.hadoop.fs.Path(fixture.resolve("model.ckpt").toString()), new Configuration());
        assertEquals(CheckpointFormat.TENSORFLOW, loaded.format());

        int[] ids = loaded.vocabulary().encode(probe.get("text").asText(), false);
        INDArray probs = loaded.model().graph().output(OneHot.sequence(ids, loaded.vocabulary().size()))[0];

        JsonNode logits = probe.get("logits");
        assertEquals(ids.length - 1, logits.size(), "probe rows: one per transition");
        for (int t = 0; t < logits.size(); t++) {
            double[] tfLogProbs = logSoftmax(logits.get(t));
            for (int v = 0; v < tfLogProbs.length; v++) {
                // log-probabilities: logits are only defined up to a constant, the softmax is not
                assertEquals(tfLogProbs[v], Math.log(probs.getDouble(0, v, t)), 1e-5, "t=" + t + " v=" + v);
            }
        }
    }

    private static double[] logSoftmax(JsonNode row) {
        double[] x = new double[row.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            x[i] = row.get(i).asDouble();
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        for (int i = 0; i < x.length; i++) {
            x[i] -= log;
        }
        return x;
    }
}
