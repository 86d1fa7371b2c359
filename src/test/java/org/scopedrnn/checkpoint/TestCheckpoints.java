package org.scopedrnn.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small checkpoints shaped like the real thing, for tests. */
public final class TestCheckpoints {

    public static final String CELL0 = "lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell";
    public static final String CREATED = "2026-01-31T12:00:00Z";

    private TestCheckpoints() {}

    public static CheckpointMetadata metadata(long step, Double validationLoss) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("hiddenSize", 4L);
        spec.put("layers", 1L);
        spec.put("oneHot", true);
        return new CheckpointMetadata(
                "char-lstm", spec, List.of("a", "b", "c"), step, 1, validationLoss, 42L,
                Map.of("learningRate", 0.001), Map.of("scoped-rnn", "test"), CREATED);
    }

    /** A two-layer-ish char-LSTM with Adam slots and global_step; values derived from step. */
    public static Checkpoint charLstm(long step, Double validationLoss) {
        Map<String, Tensor> vars = new LinkedHashMap<>();
        vars.put(CELL0 + "/kernel", ramp(new long[] {7, 16}, step));
        vars.put(CELL0 + "/bias", ramp(new long[] {16}, step + 0.5f));
        vars.put(CELL0 + "/kernel/Adam", ramp(new long[] {7, 16}, -step));
        vars.put(CELL0 + "/kernel/Adam_1", ramp(new long[] {7, 16}, step * 2));
        vars.put("softmax/weights", ramp(new long[] {4, 3}, 1));
        vars.put("softmax/biases", ramp(new long[] {3}, 2));
        vars.put("beta1_power", FloatTensor.scalar(0.9f));
        vars.put("beta2_power", FloatTensor.scalar(0.999f));
        vars.put("global_step", LongTensor.scalar(step));
        return new Checkpoint(vars, metadata(step, validationLoss));
    }

    public static FloatTensor ramp(long[] shape, float start) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * 0.25f;
        }
        return new FloatTensor(shape, v);
    }

    /** Fails unless {@code e}'s message contains {@code expected}, quoting the message. */
    public static void assertContains(Throwable e, String expected) {
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
                () -> "expected message to contain <" + expected + "> but was <" + e.getMessage() + ">");
    }
}
