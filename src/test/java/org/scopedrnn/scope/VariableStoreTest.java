package org.scopedrnn.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VariableStoreTest {

    private final VariableStore store = new VariableStore();

    /** The anna_writer.py char-LSTM layout, built the way the model package will build it. */
    private static void buildCharLstm(VariableStore store, int vocab, int hidden, int layers) {
        VariableScope cells = store.root().scope("lstm_cell").scope("rnn/multi_rnn_cell");
        for (int k = 0; k < layers; k++) {
            VariableScope cell = cells.scope("cell_" + k).scope("basic_lstm_cell");
            int input = k == 0 ? vocab : hidden;
            cell.getVariable("kernel", input + hidden, 4L * hidden);
            cell.getVariable("bias", 4L * hidden);
        }
        VariableScope softmax = store.root().scope("softmax");
        softmax.getVariable("weights", hidden, vocab);
        softmax.getVariable("biases", vocab);
    }

    @Test
    void trainingAndSamplingModelsInOneJvmDoNotCollide() {
        VariableStore training = new VariableStore();
        VariableStore sampling = new VariableStore();
        buildCharLstm(training, 83, 512, 2);
        buildCharLstm(sampling, 83, 512, 2);

        List<String> expected = List.of(
                "lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel",
                "lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias",
                "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel",
                "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias",
                "softmax/weights",
                "softmax/biases");
        assertEquals(expected, names(training));
        assertEquals(expected, names(sampling));
        assertEquals(training.variables(), sampling.variables());
        assertEquals(training.totalSize(), sampling.totalSize());
        assertEquals("[595, 2048]",
                sampling.get("lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel").shapeString());
    }

    @Test
    void aNewStoreIsEmpty() {
        assertEquals(0, store.size());
        assertEquals(0, store.totalSize());
        assertEquals(List.of(), store.variables());
    }

    @Test
    void theRootScopeHasAnEmptyNameAndCreatesOnly() {
        assertEquals("", store.root().name());
        assertEquals(Reuse.NONE, store.root().reuse());
        assertSame(store, store.root().store());
        assertSame(store.root(), store.root());
    }

    @Test
    void variablesAreListedInCreationOrder() {
        store.root().getVariable("b", 1);
        store.root().getVariable("a", 1);
        store.root().scope("c").getVariable("a", 1);
        assertEquals(List.of("b", "a", "c/a"), names(store));
    }

    @Test
    void theVariableListIsUnmodifiable() {
        store.root().getVariable("a", 1);
        List<Variable> variables = store.variables();
        assertThrows(UnsupportedOperationException.class, () -> variables.clear());
    }

    @Test
    void findReturnsTheVariableByQualifiedName() {
        Variable v = store.root().scope("softmax").getVariable("weights", 4, 3);
        assertEquals(Optional.of(v), store.find("softmax/weights"));
        assertEquals(Optional.empty(), store.find("weights"));
    }

    @Test
    void getReturnsTheVariableByQualifiedName() {
        Variable v = store.root().scope("softmax").getVariable("weights", 4, 3);
        assertSame(v, store.get("softmax/weights"));
    }

    @Test
    void getOfAMissingVariableNamesItAndListsCloseNames() {
        store.root().scope("rnn/lstm_cell").getVariable("kernel", 4, 8);
        store.root().scope("rnn/lstm_cell").getVariable("bias", 8);
        store.root().scope("softmax").getVariable("weights", 4, 3);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.get("lstm_cell/kernel"));
        assertEquals("Variable lstm_cell/kernel not found in this store (3 variables)."
                + " Similar names: rnn/lstm_cell/kernel", e.getMessage());

        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> store.get("softmax/weight"));
        assertTrue(typo.getMessage().endsWith("Similar names: softmax/weights"), typo.getMessage());
    }

    @Test
    void getOfAMissingVariableSaysWhenNothingIsClose() {
        store.root().getVariable("global_step");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.get("decoder_embedding/embeddings"));
        assertEquals("Variable decoder_embedding/embeddings not found in this store (1 variable)."
                + " No similar names.", e.getMessage());
    }

    @Test
    void totalSizeSumsAllParameterCounts() {
        store.root().getVariable("kernel", 10, 20);
        store.root().getVariable("bias", 20);
        store.root().getVariable("global_step");
        assertEquals(200 + 20 + 1, store.totalSize());
        assertEquals(3, store.size());
    }

    @Test
    void twoStoresNeverSeeEachOthersVariables() {
        VariableStore other = new VariableStore();
        Variable mine = store.root().getVariable("x", 2);
        Variable theirs = other.root().getVariable("x", 3);

        assertNotSame(mine, theirs);
        assertEquals("[2]", store.get("x").shapeString());
        assertEquals("[3]", other.get("x").shapeString());
        store.root().scope("s").getVariable("y", 1);
        assertFalse(other.find("s/y").isPresent());
        assertThrows(VariableScopeException.class,
                () -> other.root().scope("s", Reuse.REUSE).getVariable("y", 1));
    }

    private static List<String> names(VariableStore store) {
        return store.variables().stream().map(Variable::name).toList();
    }
}
