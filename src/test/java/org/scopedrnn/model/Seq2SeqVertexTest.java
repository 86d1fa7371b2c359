package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.scopedrnn.scope.Reuse;

class Seq2SeqVertexTest {

    private static Seq2SeqVertex configured() {
        Seq2SeqVertex v = Seq2SeqVertex.of(Seq2SeqSpec.of(5, 7, 3, 4), false, 9);
        v.setName("seq2seq");
        v.setUpdater(new Adam(0.01));
        v.setBiasUpdater(new Adam(0.02));
        v.setRegularization(List.of(new L2Regularization(0.1)));
        v.setGradientNormalization(GradientNormalization.ClipL2PerLayer);
        v.setGradientNormalizationThreshold(5);
        v.setDataType(DataType.FLOAT);
        return v;
    }

    @Test
    void parametersAreDeclaredWithoutUnderscoresInSameDiffLayout() {
        Seq2SeqVertex v = Seq2SeqVertex.of(Seq2SeqSpec.of(5, 7, 3, 4), false, 1);

        Map<String, long[]> shapes = v.getVertexParams().getParamShapes();

        assertEquals(List.of("encoderEmbedding", "decoderEmbedding", "encoderW", "encoderRW", "decoderW", "decoderRW",
                "encoderB", "decoderB"), List.copyOf(shapes.keySet()));
        shapes.keySet().forEach(k -> assertFalse(k.contains("_"), k + ": DL4J splits gradient keys at '_'"));
        assertArrayEquals(new long[] {3, 16}, shapes.get("encoderW"));
        assertArrayEquals(new long[] {4, 16}, shapes.get("decoderRW"));
        assertArrayEquals(new long[] {16}, shapes.get("encoderB"));
        assertEquals(List.of("source", "target_in"), v.getVertexParams().getInputs());
    }

    @Test
    void sharingDropsTheDecodersParameters() {
        Seq2SeqVertex v = Seq2SeqVertex.of(new Seq2SeqSpec(6, 6, 3, 4, "s", "s", Reuse.REUSE, true), true, 1);

        assertEquals(List.of("embedding", "encoderW", "encoderRW", "encoderB"),
                List.copyOf(v.getVertexParams().getParamShapes().keySet()));
    }

    @Test
    void cloneCopiesEveryFieldIncludingTheGlobalTrainingConfiguration() {
        Seq2SeqVertex v = configured();

        Seq2SeqVertex c = v.clone();

        assertEquals(v, c);
        assertEquals(v.hashCode(), c.hashCode());
        assertEquals("seq2seq", c.getName());
        assertEquals(new Adam(0.01), c.getUpdater());
        assertNotSame(v.getUpdater(), c.getUpdater());
        assertEquals(new Adam(0.02), c.getBiasUpdater());
        assertEquals(List.of(new L2Regularization(0.1)), c.getRegularization());
        assertEquals(GradientNormalization.ClipL2PerLayer, c.getGradientNormalization());
        assertEquals(5.0, c.getGradientNormalizationThreshold());
        assertEquals(DataType.FLOAT, c.getDataType());
        assertEquals(9, c.getSeed());
    }

    @Test
    void jsonRoundTripKeepsEveryField() throws Exception {
        Seq2SeqVertex v = configured();
        v.setSharedLstm(true);

        String json = JsonMappers.getMapper().writeValueAsString(v);
        GraphVertex back = JsonMappers.getMapper().readValue(json, GraphVertex.class);

        assertEquals(v, back);
        assertTrue(json.contains(Seq2SeqVertex.class.getName()), json);
    }

    @Test
    void outputIsTheDecodersStateOverTheTargetsTimeAxisWithItsMask() {
        Seq2SeqVertex v = configured();
        INDArray sourceMask = Nd4j.ones(2, 5);
        INDArray targetMask = Nd4j.ones(2, 3);

        var masks = v.feedForwardMaskArrays(new INDArray[] {sourceMask, targetMask}, MaskState.Active, 2);

        assertEquals(targetMask, masks.getFirst());
        assertNull(v.feedForwardMaskArrays(null, null, 2).getFirst());
        assertEquals(InputType.recurrent(4, 3),
                v.getOutputType(0, InputType.recurrent(1, 5), InputType.recurrent(1, 3)));
    }

    @Test
    void initialisationIsGlorotUniformWithZeroBiases() {
        Seq2SeqModel model = Seq2SeqModel.create(Seq2SeqSpec.of(50, 60, 20, 30), TestModels.adam(3));
        var w = model.weights();

        double kernelLimit = Math.sqrt(6.0 / (20 + 30 + 4 * 30));
        INDArray kernel = Nd4j.createFromArray(w.get("encode_cell/lstm_cell/kernel").values());
        assertTrue(kernel.amaxNumber().doubleValue() <= kernelLimit, "kernel within the Glorot limit");
        assertTrue(kernel.amaxNumber().doubleValue() > 0.9 * kernelLimit, "kernel uses the Glorot range");
        assertEquals(0.0, Nd4j.createFromArray(w.get("encode_cell/lstm_cell/bias").values()).amaxNumber().doubleValue());
        double embLimit = Math.sqrt(6.0 / (50 + 20));
        assertTrue(Nd4j.createFromArray(w.get("encoder_embedding").values()).amaxNumber().doubleValue() <= embLimit);
    }
}
