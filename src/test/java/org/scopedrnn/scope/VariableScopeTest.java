package org.scopedrnn.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariableScopeTest {

    private static final String THIS_FILE = "VariableScopeTest.java";
    private static final String THIS_CLASS = VariableScopeTest.class.getName();

    private final VariableStore store = new VariableStore();
    private final VariableScope root = store.root();

    // ---- the seed scenarios ----

    @Test
    void twoRnnsWithoutScopeGetDistinctScopes() {
        VariableScope encoder = root.uniqueScope("rnn");
        encoder.scope("lstm_cell").getVariable("kernel", 10, 16);
        VariableScope decoder = root.uniqueScope("rnn");
        decoder.scope("lstm_cell").getVariable("kernel", 10, 16);

        assertEquals("rnn", encoder.name());
        assertEquals("rnn_1", decoder.name());
        assertEquals(List.of("rnn/lstm_cell/kernel", "rnn_1/lstm_cell/kernel"), names());
    }

    @Test
    void twoRnnsForcedIntoOneScopeWithoutReuseFail() {
        int firstLine = nextLine();
        root.scope("rnn").scope("lstm_cell").getVariable("kernel", 10, 16);

        VariableScopeException e = assertThrows(VariableScopeException.class,
                () -> root.scope("rnn").scope("lstm_cell").getVariable("kernel", 10, 16));
        assertEquals("Variable rnn/lstm_cell/kernel already exists, disallowed. Did you mean to set"
                + " reuse=True or reuse=AUTO_REUSE in VarScope? Originally defined at: "
                + here(firstLine, "twoRnnsForcedIntoOneScopeWithoutReuseFail"), e.getMessage());
        assertEquals("rnn/lstm_cell/kernel", e.variableName());
        assertEquals(1, store.size());
    }

    @Test
    void twoRnnsForcedIntoOneScopeWithReuseShareOneVariable() {
        Variable encoderKernel = root.scope("rnn").scope("lstm_cell").getVariable("kernel", 10, 16);
        Variable decoderKernel = root.scope("rnn", Reuse.REUSE).scope("lstm_cell").getVariable("kernel", 10, 16);

        assertSame(encoderKernel, decoderKernel);
        assertEquals(List.of("rnn/lstm_cell/kernel"), names());
    }

    // ---- naming ----

    @Test
    void getVariableQualifiesTheNameWithTheScope() {
        assertEquals("softmax/weights", root.scope("softmax").getVariable("weights", 4, 3).name());
        assertEquals("global_step", root.getVariable("global_step").name());
    }

    @Test
    void nestedScopesJoinTheirNamesWithSlash() {
        VariableScope cell = root.scope("lstm_cell").scope("rnn").scope("multi_rnn_cell").scope("cell_0");
        assertEquals("lstm_cell/rnn/multi_rnn_cell/cell_0", cell.name());
    }

    @Test
    void aScopeNameWithSlashNestsLikeSuccessiveScopes() {
        VariableScope direct = root.scope("a/b");
        VariableScope stepwise = root.scope("a").scope("b");
        assertEquals(stepwise.name(), direct.name());
        direct.getVariable("w", 2);
        assertThrows(VariableScopeException.class, () -> stepwise.getVariable("w", 2));
    }

    @Test
    void aVariableNameWithSlashIsNestedInTheScope() {
        assertEquals("a/b/w", root.scope("a").getVariable("b/w", 2).name());
    }

    @Test
    void invalidScopeOrVariableNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> root.scope(""));
        assertThrows(IllegalArgumentException.class, () -> root.scope("a//b"));
        assertThrows(IllegalArgumentException.class, () -> root.scope("bad name"));
        assertThrows(IllegalArgumentException.class, () -> root.getVariable("", 1));
        assertThrows(IllegalArgumentException.class, () -> root.getVariable("w/", 1));
    }

    @Test
    void childScopesShareTheirParentsStore() {
        assertSame(store, root.scope("a").uniqueScope("b").store());
    }

    // ---- NONE: create only ----

    @Test
    void creatingAnExistingTopLevelVariableFailsNamingTheFirstDefinition() {
        int firstLine = nextLine();
        root.getVariable("embedding", 83, 16);

        VariableScopeException e = assertThrows(VariableScopeException.class,
                () -> root.getVariable("embedding", 83, 16));
        String where = here(firstLine, "creatingAnExistingTopLevelVariableFailsNamingTheFirstDefinition");
        assertEquals("Variable embedding already exists, disallowed. Did you mean to set reuse=True or"
                + " reuse=AUTO_REUSE in VarScope? Originally defined at: " + where, e.getMessage());
        assertTrue(where.startsWith(THIS_FILE + ":" + firstLine + " ("), where);
    }

    @Test
    void creatingAnExistingVariableFailsEvenWithAnotherShape() {
        root.getVariable("w", 2);
        VariableScopeException e = assertThrows(VariableScopeException.class, () -> root.getVariable("w", 3));
        assertTrue(e.getMessage().startsWith("Variable w already exists, disallowed."), e.getMessage());
    }

    @Test
    void anExplicitOriginIsReportedAsTheFirstDefinition() {
        root.scope("decoder").getVariable("kernel", new long[] {4, 8}, "conf/seq2seq.conf: decoder.scope");

        VariableScopeException e = assertThrows(VariableScopeException.class,
                () -> root.scope("decoder").getVariable("kernel", 4, 8));
        assertTrue(e.getMessage().endsWith("Originally defined at: conf/seq2seq.conf: decoder.scope"),
                e.getMessage());
        assertEquals("conf/seq2seq.conf: decoder.scope", store.get("decoder/kernel").definedAt());
    }

    @Test
    void definedAtNamesTheCallersFileLineAndMethod() {
        int line = nextLine();
        Variable v = root.getVariable("w", 2);
        assertEquals(THIS_FILE + ":" + line + " (" + THIS_CLASS + ".definedAtNamesTheCallersFileLineAndMethod)",
                v.definedAt());
    }

    // ---- REUSE ----

    @Test
    void reuseTrueReturnsTheExistingVariable() {
        Variable created = root.scope("softmax").getVariable("weights", 4, 3);
        Variable reused = root.scope("softmax", Reuse.REUSE).getVariable("weights", 4, 3);
        assertSame(created, reused);
        assertEquals(1, store.size());
    }

    @Test
    void reuseTrueOnMissingVariableFails() {
        VariableScopeException e = assertThrows(VariableScopeException.class,
                () -> root.scope("softmax", Reuse.REUSE).getVariable("weights", 4, 3));
        assertEquals("Variable softmax/weights does not exist, or was not created with get_variable()."
                + " Did you mean to set reuse=AUTO_REUSE in VarScope?", e.getMessage());
        assertEquals("softmax/weights", e.variableName());
        assertEquals(0, store.size());
    }

    @Test
    void reuseTrueWithAnotherShapeFails() {
        root.scope("softmax").getVariable("weights", 512, 83);
        VariableScopeException e = assertThrows(VariableScopeException.class,
                () -> root.scope("softmax", Reuse.REUSE).getVariable("weights", 512, 65));
        assertEquals("Trying to share variable softmax/weights, but specified shape [512, 65]"
                + " and found shape [512, 83].", e.getMessage());
        assertEquals("softmax/weights", e.variableName());
    }

    // ---- AUTO_REUSE ----

    @Test
    void autoReuseCreatesAMissingVariable() {
        Variable v = root.scope("softmax", Reuse.AUTO_REUSE).getVariable("biases", 83);
        assertEquals(List.of(v), store.variables());
    }

    @Test
    void autoReuseReturnsAnExistingVariable() {
        VariableScope shared = root.scope("embedding", Reuse.AUTO_REUSE);
        Variable first = shared.getVariable("table", 83, 16);
        Variable second = shared.getVariable("table", 83, 16);
        assertSame(first, second);
        assertEquals(1, store.size());
    }

    @Test
    void autoReuseWithAnotherShapeFails() {
        VariableScope shared = root.scope("embedding", Reuse.AUTO_REUSE);
        shared.getVariable("table", 83, 16);
        VariableScopeException e = assertThrows(VariableScopeException.class,
                () -> shared.getVariable("table", 83));
        assertEquals("Trying to share variable embedding/table, but specified shape [83]"
                + " and found shape [83, 16].", e.getMessage());
    }

    @Test
    void anInvalidShapeFailsNamingTheVariableWhateverTheReuseMode() {
        root.getVariable("w", 2);
        for (Reuse reuse : new Reuse[] {Reuse.REUSE, Reuse.AUTO_REUSE}) {
            VariableScope scope = root.scope("s", reuse);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> scope.getVariable("w", 2, 0));
            assertTrue(e.getMessage().contains("s/w") && e.getMessage().contains("[2, 0]"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> root.getVariable("w", -1));
        assertTrue(e.getMessage().contains("[-1]"), e.getMessage());
    }

    // ---- inheritance ----

    @Test
    void reuseIsInheritedBySubScopes() {
        root.scope("model").scope("rnn").getVariable("kernel", 4, 8);
        VariableScope inner = root.scope("model", Reuse.REUSE).scope("rnn");
        assertEquals(Reuse.REUSE, inner.reuse());
        assertSame(store.get("model/rnn/kernel"), inner.getVariable("kernel", 4, 8));
        assertEquals(Reuse.AUTO_REUSE, root.scope("a", Reuse.AUTO_REUSE).scope("b").scope("c").reuse());
    }

    @Test
    void noneInsideAReusingScopeKeepsTheParentsMode() {
        assertEquals(Reuse.REUSE, root.scope("a", Reuse.REUSE).scope("b", Reuse.NONE).reuse());
        assertEquals(Reuse.AUTO_REUSE, root.scope("a", Reuse.AUTO_REUSE).scope("b", Reuse.NONE).reuse());
    }

    @Test
    void aSubScopeCanSwitchFromNoneToReuse() {
        VariableScope creating = root.scope("a");
        assertEquals(Reuse.NONE, creating.reuse());
        assertEquals(Reuse.REUSE, creating.scope("b", Reuse.REUSE).reuse());
        assertEquals(Reuse.AUTO_REUSE, creating.scope("b", Reuse.AUTO_REUSE).reuse());
    }

    @Test
    void anExplicitModeInsideAReusingScopeReplacesTheParents() {
        assertEquals(Reuse.AUTO_REUSE, root.scope("a", Reuse.REUSE).scope("b", Reuse.AUTO_REUSE).reuse());
        assertEquals(Reuse.REUSE, root.scope("a", Reuse.AUTO_REUSE).scope("b", Reuse.REUSE).reuse());
    }

    @Test
    void reopeningAScopeDoesNotChangeTheModeOfScopesAlreadyOpened() {
        VariableScope creating = root.scope("a");
        root.scope("a", Reuse.REUSE);
        assertEquals(Reuse.NONE, creating.reuse());
    }

    // ---- unique default names ----

    @Test
    void uniqueScopeNumbersRepeatedDefaultNames() {
        assertEquals("rnn", root.uniqueScope("rnn").name());
        assertEquals("rnn_1", root.uniqueScope("rnn").name());
        assertEquals("rnn_2", root.uniqueScope("rnn").name());
    }

    @Test
    void uniqueScopeTreatsExplicitlyOpenedNamesAsTaken() {
        root.scope("rnn");
        root.scope("rnn_1");
        assertEquals("rnn_2", root.uniqueScope("rnn").name());
    }

    @Test
    void uniqueScopeTakesAFreeDefaultNameEvenIfNumberedOnesExist() {
        root.scope("rnn_1");
        assertEquals("rnn", root.uniqueScope("rnn").name());
        assertEquals("rnn_2", root.uniqueScope("rnn").name());
    }

    @Test
    void uniqueScopeTreatsParentsOfNestedExplicitNamesAsTaken() {
        root.scope("rnn/lstm_cell");
        assertEquals("rnn_1", root.uniqueScope("rnn").name());
    }

    @Test
    void uniqueScopeAvoidsScopesThatAlreadyHoldVariables() {
        root.getVariable("rnn/kernel", 4, 8);
        assertEquals("rnn_1", root.uniqueScope("rnn").name());
    }

    @Test
    void uniqueScopeNamesAreUniquePerParentScope() {
        assertEquals("encoder/rnn", root.scope("encoder").uniqueScope("rnn").name());
        assertEquals("decoder/rnn", root.scope("decoder").uniqueScope("rnn").name());
        assertEquals("encoder/rnn_1", root.scope("encoder").uniqueScope("rnn").name());
    }

    @Test
    void aScopeFromUniqueScopeCanBeReopenedByItsName() {
        VariableScope first = root.uniqueScope("rnn");
        first.getVariable("kernel", 4, 8);
        VariableScope reopened = root.scope(first.name(), Reuse.REUSE);
        assertSame(store.get("rnn/kernel"), reopened.getVariable("kernel", 4, 8));
    }

    @Test
    void uniqueScopeInheritsOrSetsTheReuseMode() {
        assertEquals(Reuse.AUTO_REUSE, root.uniqueScope("rnn", Reuse.AUTO_REUSE).reuse());
        assertEquals(Reuse.NONE, root.uniqueScope("rnn").reuse());
        assertEquals(Reuse.AUTO_REUSE, root.scope("m", Reuse.AUTO_REUSE).uniqueScope("rnn").reuse());
    }

    @Test
    void uniqueScopeWithReuseTrueFailsLikeTensorFlow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> root.uniqueScope("rnn", Reuse.REUSE));
        assertTrue(e.getMessage().startsWith("reuse=True cannot be used without a name_or_scope"), e.getMessage());
    }

    @Test
    void uniqueScopeRejectsANestedDefaultName() {
        assertThrows(IllegalArgumentException.class, () -> root.uniqueScope("a/rnn"));
        assertThrows(IllegalArgumentException.class, () -> root.uniqueScope(""));
    }

    // ---- helpers ----

    private List<String> names() {
        return store.variables().stream().map(Variable::name).toList();
    }

    /** The line after the caller's, where the tested call is placed. */
    private static int nextLine() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow()
                .getLineNumber() + 1;
    }

    private static String here(int line, String method) {
        return THIS_FILE + ":" + line + " (" + THIS_CLASS + "." + method + ")";
    }
}
