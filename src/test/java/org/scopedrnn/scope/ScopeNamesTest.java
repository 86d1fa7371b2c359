package org.scopedrnn.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeNamesTest {

    @Test
    void qualifyWithEmptyScopeReturnsTheName() {
        assertEquals("x", ScopeNames.qualify("", "x"));
    }

    @Test
    void qualifyJoinsScopeAndNameWithSlash() {
        assertEquals("a/b/c", ScopeNames.qualify("a/b", "c"));
    }

    @Test
    void qualifyAcceptsANameThatIsItselfNested() {
        assertEquals("a/b/c", ScopeNames.qualify("a", "b/c"));
    }

    @Test
    void qualifyManyPartsSkipsEmptyScopeParts() {
        assertEquals("a/b/c", ScopeNames.qualify("", "a", "", "b", "c"));
        assertEquals("lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel",
                ScopeNames.qualify("lstm_cell", "rnn/multi_rnn_cell", "cell_0", "basic_lstm_cell", "kernel"));
    }

    @Test
    void qualifyWithASinglePartReturnsIt() {
        assertEquals("a/b", ScopeNames.qualify("a/b", new String[0]));
    }

    @Test
    void qualifyRejectsAnEmptyName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScopeNames.qualify("a", ""));
        assertTrue(e.getMessage().contains("must not be empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScopeNames.qualify("a", "b", ""));
        assertThrows(IllegalArgumentException.class, () -> ScopeNames.qualify("", new String[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b", "/a", "a/", "/"})
    void qualifyRejectsEmptyComponentsNamingTheValue(String bad) {
        IllegalArgumentException asScope = assertThrows(IllegalArgumentException.class,
                () -> ScopeNames.qualify(bad, "x"));
        assertTrue(asScope.getMessage().contains('"' + bad + '"'), asScope.getMessage());
        IllegalArgumentException asName = assertThrows(IllegalArgumentException.class,
                () -> ScopeNames.qualify("x", bad));
        assertTrue(asName.getMessage().contains('"' + bad + '"'), asName.getMessage());
    }

    @Test
    void qualifyRejectsIllegalCharactersInTheScope() {
        assertThrows(IllegalArgumentException.class, () -> ScopeNames.qualify("a b", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel", "cell_0", "0", ".hidden", "beta1_power", "a-b.c_d", "Adam_1"})
    void checkComponentAcceptsTensorFlowLegalNames(String ok) {
        assertEquals(ok, ScopeNames.checkComponent(ok));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "_x", "-x", "a b", "x:0", "ü", "a*"})
    void checkComponentRejectsIllegalNamesNamingTheValue(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScopeNames.checkComponent(bad));
        assertTrue(e.getMessage().contains('"' + bad + '"'), e.getMessage());
    }

    @Test
    void checkComponentRejectsNull() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScopeNames.checkComponent(null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void splitIsTheInverseOfQualify() {
        List<String> parts = List.of("encode_cell", "lstm_cell", "kernel");
        String qualified = ScopeNames.qualify(parts.get(0), parts.get(1), parts.get(2));
        assertEquals(parts, ScopeNames.split(qualified));
    }

    @Test
    void splitOfTheRootIsEmpty() {
        assertEquals(List.of(), ScopeNames.split(""));
    }

    @Test
    void splitRejectsInvalidNames() {
        assertThrows(IllegalArgumentException.class, () -> ScopeNames.split("a//b"));
        assertThrows(IllegalArgumentException.class, () -> ScopeNames.split("a/"));
    }

    @Test
    void splitResultIsUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> ScopeNames.split("a/b").add("c"));
    }

    @Test
    void parentOfATopLevelNameIsEmpty() {
        assertEquals("", ScopeNames.parent("softmax"));
    }

    @Test
    void parentOfANestedNameDropsTheLeaf() {
        assertEquals("softmax", ScopeNames.parent("softmax/weights"));
        assertEquals("a/b", ScopeNames.parent("a/b/c"));
    }

    @Test
    void leafIsTheLastComponent() {
        assertEquals("weights", ScopeNames.leaf("softmax/weights"));
        assertEquals("softmax", ScopeNames.leaf("softmax"));
    }

    @Test
    void parentAndLeafRecombineToTheName() {
        String name = "lstm_cell/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias";
        assertEquals(name, ScopeNames.qualify(ScopeNames.parent(name), ScopeNames.leaf(name)));
    }

    @Test
    void theRootHasNoParentOrLeaf() {
        assertThrows(IllegalArgumentException.class, () -> ScopeNames.parent(""));
        assertThrows(IllegalArgumentException.class, () -> ScopeNames.leaf(""));
    }
}
