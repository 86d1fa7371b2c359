package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DL4J M2's SameDiff vertex doubles its gradients; the seq2seq runtime vertex detects and undoes it. */
class Seq2SeqGraphVertexTest {

    /** out = in * w: the smallest SameDiff vertex, run by DL4J's stock runtime vertex. */
    public static class Scale extends SameDiffVertex {
        @Override
        public SDVariable defineVertex(SameDiff sd, Map<String, SDVariable> in, Map<String, SDVariable> p,
                Map<String, SDVariable> masks) {
            return in.get("in").mul(p.get("w"));
        }

        @Override
        public void defineParametersAndInputs(SDVertexParams params) {
            params.clear();
            params.defineInputs("in");
            params.addWeightParam("w", 1);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            params.get("w").assign(0.7);
        }

        @Override
        public Scale clone() {
            return new Scale();
        }
    }

    private static double[] analyticAndNumeric(ComputationGraph g) {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 2, 4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 1, 3, 4);
        for (int t = 0; t < 4; t++) {
            y.putScalar(0, t % 3, t, 1);
        }
        var data = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y});
        g.setInputs(x);
        g.setLabels(y);
        g.computeGradientAndScore();
        double analytic = g.gradient().gradientForVariable().get("v_w").getDouble(0);
        INDArray w = g.getVertex("v").paramTable(false).get("w");
        w.putScalar(0, 0.7 + 1e-6);
        double plus = g.score(data);
        w.putScalar(0, 0.7 - 1e-6);
        double minus = g.score(data);
        w.putScalar(0, 0.7);
        return new double[] {analytic, (plus - minus) / 2e-6};
    }

    @Test
    void stockSameDiffVertexDoublesItsGradientAndTheSeq2SeqVertexDoesNot() {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new Sgd(0.1)).graphBuilder()
                .addInputs("in").addVertex("v", new Scale(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(3)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).build(), "v")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();

        double[] an = analyticAndNumeric(g);

        assertEquals(2 * an[1], an[0], 1e-6, "DL4J M2 doubles SameDiff vertex gradients; if this fails the bug is"
                + " fixed upstream and Seq2SeqGraphVertex stops halving (it checks for the doubling itself)");
        SameDiffGraphVertex runtime = (SameDiffGraphVertex) g.getVertex("v");
        assertTrue(errorAdded(runtime));
    }

    private static boolean errorAdded(SameDiffGraphVertex runtime) {
        try {
            var sdField = SameDiffGraphVertex.class.getDeclaredField("sameDiff");
            sdField.setAccessible(true);
            var fnField = SameDiffGraphVertex.class.getDeclaredField("fn");
            fnField.setAccessible(true);
            var fn = (org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction) fnField.get(runtime);
            return Seq2SeqGraphVertex.errorIsAddedToItself((SameDiff) sdField.get(runtime), fn.getGradPlaceholderName());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aGradientFunctionWithoutTheDoublingIsLeftAlone() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.var("a", Nd4j.ones(2));
        a.mul(2).sum().rename("loss");
        sd.setLossVariables("loss");
        sd.createGradFunction();

        assertFalse(Seq2SeqGraphVertex.errorIsAddedToItself(sd, "a-grad"));
        assertFalse(Seq2SeqGraphVertex.errorIsAddedToItself(SameDiff.create(), "x-grad"));
    }
}
