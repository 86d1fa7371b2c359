package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints written by main at commit 2fd4dde, before the packages were reshaped (issue 14), still load
 * and score exactly as that build scored them. Written with that build's {@code scripts/scoped-rnn}:
 * <ul>
 *   <li>char-LSTM: {@code train char-lstm --input <first 6000 chars of data/anna.txt> --epochs 1
 *       --master local[2] --set model.layers=1 --set model.hidden=8 --set train.batch-size=8
 *       --set data.seq-length=20}; its {@code evaluate} on the first 1000 of those characters printed
 *       {@code nats/char=3.507446 bits/char=5.060176 chars=999};
 *   <li>seq2seq: {@code train seq2seq --epochs 1 --master local[2] --set data.max-pairs=200
 *       --set model.hidden=8 --set model.embedding-size=4 --set train.batch-size=16}; its {@code evaluate}
 *       on the first 20 lines of data/fra-eng.txt printed {@code nats/char=4.171478 sentences=20
 *       char_accuracy=0.0484 sequence_accuracy=0.0000 ...}.
 * </ul>
 * Never regenerate these files: they stand for the checkpoints users already have.
 */
class CheckpointsBeforeTheRoomsLoadTest {

    @Test
    void charLstmFromBeforeEvaluatesToTheSameLoss() throws URISyntaxException {
        CliRun run = CliRun.of("evaluate", "--checkpoint", resource("v-2fd4dde-char-lstm").toString(),
                "--text", resource("v-2fd4dde-char-lstm.eval.txt").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("nats/char=3.507446 bits/char=5.060176 chars=999", run.lastLine());
    }

    @Test
    void seq2seqFromBeforeEvaluatesToTheSameLossAndAccuracy() throws URISyntaxException {
        CliRun run = CliRun.of("evaluate", "--checkpoint", resource("v-2fd4dde-seq2seq").toString(),
                "--text", resource("v-2fd4dde-seq2seq.pairs.txt").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.lastLine().startsWith("nats/char=4.171478 sentences=20 char_accuracy=0.0484 "
                + "sequence_accuracy=0.0000 "), run.lastLine());
    }

    @Test
    void charLstmFromBeforeListsItsVariables() throws URISyntaxException {
        CliRun run = CliRun.of("inspect", "--checkpoint", resource("v-2fd4dde-char-lstm").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel\t["), run.out());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CheckpointsBeforeTheRoomsLoadTest.class.getResource("/checkpoints/" + name).toURI());
    }
}
