package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.scopedrnn.model.internal.FusedLstmLayer;

/** The fused LSTM computes exactly DL4J's LSTM function, and its gradients are right. */
class FusedLstmTest {

    private static final int IN = 5;
    private static final int H = 7;
    private static final int OUT = 4;
    private static final int B = 3;
    private static final int T = 6;

    private static ComputationGraph graph(boolean fused, DataType type) {
        return graph(fused, type, 1.0);
    }

    private static ComputationGraph graph(boolean fused, DataType type, double keep) {
        var g = new NeuralNetConfiguration.Builder().seed(3).dataType(type).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in");
        String prev = "in";
        for (int k = 0; k < 2; k++) {
            var builder = new LSTM.Builder().nIn(k == 0 ? IN : H).nOut(H).activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0);
            if (k > 0 && keep < 1) {
                builder.dropOut(keep);
            }
            LSTM lstm = builder.build();
            g.addLayer("lstm_" + k, fused ? FusedLstm.of(lstm) : lstm, prev);
            prev = "lstm_" + k;
        }
        g.addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(H).nOut(OUT).build(), prev);
        g.setOutputs("out");
        g.setInputTypes(InputType.recurrent(IN));
        var graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static INDArray[] data(DataType type, long seed) {
        var rnd = new Random(seed);
        INDArray x = Nd4j.create(type, B, IN, T);
        INDArray y = Nd4j.create(type, B, OUT, T);
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                for (int i = 0; i < IN; i++) {
                    x.putScalar(new long[] {b, i, t}, rnd.nextGaussian());
                }
                y.putScalar(new long[] {b, rnd.nextInt(OUT), t}, 1.0);
            }
        }
        return new INDArray[] {x, y};
    }

    private static ComputationGraph pair(ComputationGraph reference) {
        return pair(reference, 1.0);
    }

    private static ComputationGraph pair(ComputationGraph reference, double keep) {
        var fused = graph(true, reference.params().dataType(), keep);
        // non-trivial biases, so a gate-block mix-up cannot hide behind the zero initialisation
        INDArray p = reference.params().dup();
        p.addi(Nd4j.rand(p.dataType(), p.shape()).subi(0.5).muli(0.2));
        reference.setParams(p);
        fused.setParams(p.dup());
        return fused;
    }

    @Test
    void outputsScoreAndGradientsEqualDl4jLstm() {
        var dl4j = graph(false, DataType.DOUBLE);
        var fused = pair(dl4j);
        assertInstanceOf(FusedLstmLayer.class, fused.getLayer("lstm_0"));
        INDArray[] xy = data(DataType.DOUBLE, 11);
        assertTrue(dl4j.outputSingle(xy[0]).equalsWithEps(fused.outputSingle(xy[0]), 1e-12));
        for (ComputationGraph g : new ComputationGraph[] {dl4j, fused}) {
            g.setInputs(xy[0]);
            g.setLabels(xy[1]);
            g.computeGradientAndScore();
        }
        assertEquals(dl4j.score(), fused.score(), 1e-12);
        INDArray g1 = dl4j.gradient().gradient();
        INDArray g2 = fused.gradient().gradient();
        assertTrue(g1.equalsWithEps(g2, 1e-10), () -> "gradients differ by up to "
                + Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(g1.sub(g2))).getDouble(0));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        var fused = pair(graph(false, DataType.DOUBLE));
        INDArray[] xy = data(DataType.DOUBLE, 12);
        var ds = new org.nd4j.linalg.dataset.DataSet(xy[0], xy[1]);
        fused.setInputs(xy[0]);
        fused.setLabels(xy[1]);
        fused.computeGradientAndScore();
        INDArray analytic = fused.gradient().gradient().dup();
        INDArray params = fused.params();
        double eps = 1e-6;
        double worst = 0;
        String worstAt = "";
        for (long i = 0; i < params.length(); i++) {
            double v = params.getDouble(i);
            params.putScalar(i, v + eps);
            double up = fused.score(ds);
            params.putScalar(i, v - eps);
            double down = fused.score(ds);
            params.putScalar(i, v);
            // DL4J's score is the mean over the minibatch, its raw gradient the sum (the updater divides)
            double numeric = B * (up - down) / (2 * eps);
            double a = analytic.getDouble(i);
            // below 1e-8 the difference is the finite difference's own rounding (score ~1, eps 1e-6)
            double err = Math.abs(a - numeric) < 1e-8 ? 0 : Math.abs(a - numeric) / (Math.abs(a) + Math.abs(numeric));
            if (err > worst) {
                worst = err;
                worstAt = "parameter " + i + ": analytic " + a + ", numeric " + numeric;
            }
        }
        assertTrue(worst < 1e-5, "worst relative error " + worst + " over " + params.length() + " parameters, at " + worstAt);
    }

    @Test
    void stepByStepSamplingMatchesTheWholeSequence() {
        var dl4j = graph(false, DataType.DOUBLE);
        var fused = pair(dl4j);
        INDArray x = data(DataType.DOUBLE, 13)[0];
        INDArray whole = dl4j.outputSingle(x);
        fused.rnnClearPreviousState();
        INDArray prime = fused.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2)))[0];
        assertTrue(whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).equalsWithEps(prime, 1e-12));
        for (int t = 2; t < T; t++) {
            INDArray step = fused.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(t, t + 1)))[0];
            INDArray expected = whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1));
            assertTrue(expected.equalsWithEps(step, 1e-12), "step " + t);
        }
    }

    @Test
    void jsonAndCloneKeepTheFusedLayer() {
        var fused = graph(true, DataType.FLOAT);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(fused.getConfiguration().toJson());
        var g = new ComputationGraph(back);
        g.init(fused.params().dup(), false);
        assertInstanceOf(FusedLstmLayer.class, g.getLayer("lstm_1"));
        assertInstanceOf(FusedLstmLayer.class, fused.clone().getLayer("lstm_1"));
        INDArray x = data(DataType.FLOAT, 14)[0];
        assertTrue(fused.outputSingle(x).equalsWithEps(g.outputSingle(x), 1e-6));
    }

    @Test
    void trainingStepsFollowDl4jLstmInFloat() {
        var dl4j = graph(false, DataType.FLOAT);
        var fused = pair(dl4j);
        INDArray[] xy = data(DataType.FLOAT, 15);
        for (int i = 0; i < 3; i++) {
            dl4j.fit(new org.nd4j.linalg.dataset.DataSet(xy[0], xy[1]));
            fused.fit(new org.nd4j.linalg.dataset.DataSet(xy[0], xy[1]));
        }
        assertTrue(dl4j.params().equalsWithEps(fused.params(), 1e-5));
    }

    /** Dropout with a fixed mask (every third input zeroed), so two layers can be compared exactly. */
    static final class FixedMaskDropout implements org.deeplearning4j.nn.conf.dropout.IDropout {
        private INDArray mask;

        @Override
        public INDArray applyDropout(INDArray input, INDArray output, int iteration, int epoch,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr workspaceMgr) {
            try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                // outlives the forward pass's workspace: backprop uses it
                mask = Nd4j.ones(input.dataType(), input.shape()).muli(2.0);
                INDArray flat = mask.reshape(mask.length());
                for (long i = 0; i < flat.length(); i += 3) {
                    flat.putScalar(i, 0.0);
                }
            }
            return output.assign(input.mul(mask));
        }

        @Override
        public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
            return gradAtInput.assign(gradAtOutput.mul(mask));
        }

        @Override
        public void clear() {
            mask = null;
        }

        @Override
        public FixedMaskDropout clone() {
            return new FixedMaskDropout();
        }
    }

    @Test
    void dropoutOnTheInputIsAppliedAndBackpropagatedLikeDl4j() {
        var graphs = new ComputationGraph[2];
        for (int k = 0; k < 2; k++) {
            var g = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new NoOp())
                    .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in");
            LSTM first = new LSTM.Builder().nIn(IN).nOut(H).activation(Activation.TANH).build();
            LSTM second = new LSTM.Builder().nIn(H).nOut(H).activation(Activation.TANH)
                    .dropOut(new FixedMaskDropout()).build();
            g.addLayer("lstm_0", k == 0 ? first : FusedLstm.of(first), "in");
            g.addLayer("lstm_1", k == 0 ? second : FusedLstm.of(second), "lstm_0");
            g.addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).nIn(H).nOut(OUT).build(), "lstm_1");
            g.setOutputs("out");
            g.setInputTypes(InputType.recurrent(IN));
            graphs[k] = new ComputationGraph(g.build());
            graphs[k].init();
        }
        graphs[1].setParams(graphs[0].params().dup());
        INDArray[] xy = data(DataType.DOUBLE, 16);
        for (ComputationGraph g : graphs) {
            g.setInputs(xy[0]);
            g.setLabels(xy[1]);
            g.computeGradientAndScore();
        }
        assertEquals(graphs[0].score(), graphs[1].score(), 1e-12);
        INDArray d = graphs[0].gradient().gradient().sub(graphs[1].gradient().gradient());
        assertTrue(d.amaxNumber().doubleValue() < 1e-10, "gradients differ by up to " + d.amaxNumber());
    }
}
