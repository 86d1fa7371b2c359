package org.scopedrnn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final CheckpointMetadata META = TestCheckpoints.metadata(1, null);

    @Test
    void variablesKeepInsertionOrderAndCannotBeChangedFromOutside() {
        Map<String, Tensor> vars = new LinkedHashMap<>();
        vars.put("z", FloatTensor.scalar(1));
        vars.put("a", FloatTensor.scalar(2));
        Checkpoint c = new Checkpoint(vars, META);
        vars.put("m", FloatTensor.scalar(3));

        assertEquals(List.of("z", "a"), List.copyOf(c.variables().keySet()));
        assertThrows(UnsupportedOperationException.class,
                () -> c.variables().put("b", FloatTensor.scalar(0)));
    }

    @Test
    void emptyOrNullVariableNameIsRejected() {
        Map<String, Tensor> empty = Map.of("", FloatTensor.scalar(1));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(empty, META));
        Map<String, Tensor> withNull = new HashMap<>();
        withNull.put(null, FloatTensor.scalar(1));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(withNull, META));
    }

    @Test
    void nullTensorIsRejectedNamingTheVariable() {
        Map<String, Tensor> vars = new HashMap<>();
        vars.put("softmax/weights", null);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(vars, META));
        assertTrue(e.getMessage().contains("softmax/weights"));
    }

    @Test
    void floatVariableMissingNamesItAndListsWhatThereIs() {
        Checkpoint c = TestCheckpoints.charLstm(1, null);
        NoSuchElementException e = assertThrows(NoSuchElementException.class,
                () -> c.floatVariable("rnn/lstm_cell/kernel"));
        assertTrue(e.getMessage().startsWith("checkpoint has no variable rnn/lstm_cell/kernel; it has 9: "
                + TestCheckpoints.CELL0 + "/kernel, "), e.getMessage());
        assertTrue(e.getMessage().endsWith("global_step"), e.getMessage());
    }

    @Test
    void floatVariableOfAnInt64VariableSaysItsType() {
        Checkpoint c = TestCheckpoints.charLstm(1, null);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> c.floatVariable("global_step"));
        assertEquals("variable global_step is int64; expected float32", e.getMessage());
    }

    @Test
    void findReturnsPresentOrEmpty() {
        Checkpoint c = TestCheckpoints.charLstm(3, null);
        assertEquals(Optional.of(LongTensor.scalar(3)), c.find("global_step"));
        assertEquals(Optional.empty(), c.find("nope"));
    }

    @Test
    void equalCheckpointsHaveEqualTensorsByValue() {
        assertEquals(TestCheckpoints.charLstm(2, 1.0), TestCheckpoints.charLstm(2, 1.0));
        assertEquals(TestCheckpoints.charLstm(2, 1.0).hashCode(),
                TestCheckpoints.charLstm(2, 1.0).hashCode());
    }
}
