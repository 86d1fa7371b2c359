package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scopedrnn.config.Readers;
import org.scopedrnn.scope.Reuse;
import org.scopedrnn.scope.Variable;
import org.scopedrnn.scope.VariableScopeException;
import org.scopedrnn.scope.VariableStore;

class Seq2SeqVariablesTest {

    private static final int VS = 30;
    private static final int VT = 32;
    private static final int E = 15;
    private static final int H = 50;

    private static List<String> names(VariableStore store) {
        return store.variables().stream().map(Variable::name).toList();
    }

    @Test
    void explicitScopesGiveTheSeedProgramsNamesAndShapes() {
        var store = new VariableStore();

        List<ParamBinding> bindings = Seq2SeqVariables.declare(Seq2SeqSpec.of(VS, VT, E, H), store);

        assertEquals(List.of("encoder_embedding", "encode_cell/lstm_cell/kernel", "encode_cell/lstm_cell/bias",
                "decoder_embedding", "decode_cell/lstm_cell/kernel", "decode_cell/lstm_cell/bias",
                "fully_connected/weights", "fully_connected/biases"), names(store));
        assertArrayEquals(new long[] {VS, E}, store.get("encoder_embedding").shape());
        assertArrayEquals(new long[] {VT, E}, store.get("decoder_embedding").shape());
        assertArrayEquals(new long[] {E + H, 4 * H}, store.get("encode_cell/lstm_cell/kernel").shape());
        assertArrayEquals(new long[] {4 * H}, store.get("decode_cell/lstm_cell/bias").shape());
        assertArrayEquals(new long[] {H, VT}, store.get("fully_connected/weights").shape());
        assertArrayEquals(new long[] {VT}, store.get("fully_connected/biases").shape());
        assertEquals(names(store), bindings.stream().map(ParamBinding::variable).toList());
        for (ParamBinding b : bindings) {
            assertArrayEquals(store.get(b.variable()).shape(), b.shape(), b.variable());
        }
        assertFalse(Seq2SeqVariables.sharesLstm(bindings));
    }

    @Test
    void nullScopesGetTensorFlowsUniqueDefaultsRnnAndRnn1() {
        var store = new VariableStore();

        Seq2SeqVariables.declare(new Seq2SeqSpec(VS, VT, E, H, null, null, Reuse.NONE, false), store);

        assertTrue(names(store).containsAll(List.of("rnn/lstm_cell/kernel", "rnn/lstm_cell/bias",
                "rnn_1/lstm_cell/kernel", "rnn_1/lstm_cell/bias")), names(store).toString());
    }

    @Test
    void decoderInTheEncodersScopeWithoutReuseIsTensorFlowsAlreadyExistsError() {
        var store = new VariableStore();
        Seq2SeqSpec spec = Seq2SeqSpec.of(VS, VT, E, H).withScopes("encode_cell", "encode_cell", Reuse.NONE);

        var e = assertThrows(VariableScopeException.class, () -> Seq2SeqVariables.declare(spec, store,
                Readers.scopeOrigins("conf/seq2seq.conf")));

        assertEquals("Variable encode_cell/lstm_cell/kernel already exists, disallowed. Did you mean to set"
                + " reuse=True or reuse=AUTO_REUSE in VarScope? Originally defined at: conf/seq2seq.conf: encoder.scope",
                e.getMessage());
        assertEquals("encode_cell/lstm_cell/kernel", e.variableName());
    }

    @Test
    void withoutAConfigOriginTheCollisionNamesTheBuildersCaller() {
        Seq2SeqSpec spec = Seq2SeqSpec.of(VS, VT, E, H).withScopes("s", "s", Reuse.NONE);

        var e = assertThrows(VariableScopeException.class, () -> Seq2SeqModel.create(spec, TestModels.adam(1)));

        assertTrue(e.getMessage().contains("Originally defined at: Seq2SeqVariablesTest.java:"), e.getMessage());
        assertTrue(e.getMessage().contains("Seq2SeqVariablesTest.lambda$"), e.getMessage());
    }

    @Test
    void decoderReusingTheEncodersScopeSharesOneLstm() {
        for (Reuse reuse : List.of(Reuse.REUSE, Reuse.AUTO_REUSE)) {
            var store = new VariableStore();
            Seq2SeqSpec spec = Seq2SeqSpec.of(VS, VT, E, H).withScopes("encode_cell", "encode_cell", reuse);

            List<ParamBinding> bindings = Seq2SeqVariables.declare(spec, store);

            assertEquals(List.of("encoder_embedding", "encode_cell/lstm_cell/kernel", "encode_cell/lstm_cell/bias",
                    "decoder_embedding", "fully_connected/weights", "fully_connected/biases"), names(store), reuse.name());
            assertTrue(Seq2SeqVariables.sharesLstm(bindings), reuse.name());
            assertEquals(6, bindings.size());
        }
    }

    @Test
    void sharedLstmModelListsTheLstmOnceAndTiesBothRnnsToIt() {
        Seq2SeqSpec spec = Seq2SeqSpec.of(VS, VT, E, H).withScopes("encode_cell", "encode_cell", Reuse.REUSE);

        Seq2SeqModel model = Seq2SeqModel.create(spec, TestModels.adam(1));

        assertEquals(1, model.variables().stream().filter(v -> v.name().endsWith("lstm_cell/kernel")).count());
        assertTrue(model.sharesLstm());
        long lstmParams = model.graph().paramTable().keySet().stream().filter(k -> k.endsWith("W")).count();
        assertEquals(3, lstmParams, model.graph().paramTable().keySet().toString()); // encoderW, encoderRW, output_W
    }

    @Test
    void reuseOfAMissingScopeIsTensorFlowsDoesNotExistError() {
        var store = new VariableStore();
        Seq2SeqSpec spec = Seq2SeqSpec.of(VS, VT, E, H).withScopes("encode_cell", "decode_cell", Reuse.REUSE);

        var e = assertThrows(VariableScopeException.class, () -> Seq2SeqVariables.declare(spec, store));

        assertEquals("Variable decode_cell/lstm_cell/kernel does not exist, or was not created with get_variable()."
                + " Did you mean to set reuse=AUTO_REUSE in VarScope?", e.getMessage());
    }

    @Test
    void reuseWithAnUnnamedDecoderScopeIsRejectedLikeTensorFlow() {
        Seq2SeqSpec spec = new Seq2SeqSpec(VS, VT, E, H, null, null, Reuse.REUSE, false);

        var e = assertThrows(IllegalArgumentException.class, () -> Seq2SeqVariables.declare(spec, new VariableStore()));

        assertTrue(e.getMessage().startsWith("reuse=True cannot be used without a name_or_scope"), e.getMessage());
    }

    @Test
    void autoReuseOfADifferentScopeCreatesASeparateDecoder() {
        var store = new VariableStore();
        Seq2SeqSpec spec = new Seq2SeqSpec(VS, VT, E, H, null, null, Reuse.AUTO_REUSE, false);

        List<ParamBinding> bindings = Seq2SeqVariables.declare(spec, store);

        assertFalse(Seq2SeqVariables.sharesLstm(bindings));
        assertTrue(names(store).contains("rnn_1/lstm_cell/kernel"));
    }

    @Test
    void sharedEmbeddingIsOneVariableNamedEmbedding() {
        var store = new VariableStore();

        Seq2SeqVariables.declare(Seq2SeqSpec.of(VS, VS, E, H).withSharedEmbedding(true), store);

        assertEquals(List.of("embedding", "encode_cell/lstm_cell/kernel", "encode_cell/lstm_cell/bias",
                "decode_cell/lstm_cell/kernel", "decode_cell/lstm_cell/bias", "fully_connected/weights",
                "fully_connected/biases"), names(store));
        assertArrayEquals(new long[] {VS, E}, store.get("embedding").shape());
    }

    @Test
    void configOriginsAreRecordedPerGroup() {
        var store = new VariableStore();

        Seq2SeqVariables.declare(Seq2SeqSpec.of(VS, VT, E, H), store, Readers.scopeOrigins("my.conf"));

        assertEquals("my.conf: encoder.scope", store.get("encode_cell/lstm_cell/kernel").definedAt());
        assertEquals("my.conf: decoder.scope", store.get("decode_cell/lstm_cell/bias").definedAt());
        assertEquals("my.conf: model.embedding", store.get("decoder_embedding").definedAt());
        assertEquals("my.conf: model.output", store.get("fully_connected/weights").definedAt());
    }

    @Test
    void twoModelsInOneStoreCollideButEachModelHasItsOwnStore() {
        var store = new VariableStore();
        Seq2SeqSpec spec = Seq2SeqSpec.of(VS, VT, E, H);
        Seq2SeqVariables.declare(spec, store);

        assertThrows(VariableScopeException.class, () -> Seq2SeqVariables.declare(spec, store));
        Seq2SeqModel a = Seq2SeqModel.create(spec, TestModels.adam(1));
        Seq2SeqModel b = Seq2SeqModel.create(spec, TestModels.adam(1));
        assertEquals(a.variableNames(), b.variableNames());
        assertSame(spec, b.spec());
    }
}
