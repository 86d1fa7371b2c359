package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.scopedrnn.model.internal.FusedLstmLayer;

/**
 * The fused layer's float cell kernel (one Java pass per step) computes DL4J's LSTM function: its
 * outputs are within 1e-5 and its gradients within 1e-4 (relative to each parameter array's
 * largest) of the exact values (DL4J's LSTM in double), of DL4J's LSTM in float and of the
 * previous fused implementation (ND4J ops per gate); with a forget bias, with dropout masks,
 * stepping, and buffers reused across batch sizes and lengths.
 */
class FusedLstmKernelTest {

    private static final int IN = 5;
    /** Wide enough that the vectorised loops run their main body, odd so their tails run too. */
    private static final int H = 37;
    private static final int OUT = 4;

    enum Impl { DL4J, ND4J_CELL, KERNEL }

    private static ComputationGraph graph(Impl impl, DataType type, boolean dropout, IUpdater updater) {
        var g = new NeuralNetConfiguration.Builder().seed(3).dataType(type).updater(updater)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in");
        String prev = "in";
        for (int k = 0; k < 2; k++) {
            var builder = new LSTM.Builder().nIn(k == 0 ? IN : H).nOut(H).activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0);
            if (k > 0 && dropout) {
                builder.dropOut(new FusedLstmTest.FixedMaskDropout());
            }
            LSTM lstm = builder.build();
            g.addLayer("lstm_" + k, impl == Impl.DL4J ? lstm : FusedLstm.of(lstm), prev);
            prev = "lstm_" + k;
        }
        g.addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(H).nOut(OUT).build(), prev);
        g.setOutputs("out");
        g.setInputTypes(InputType.recurrent(IN));
        if (impl == Impl.ND4J_CELL) {
            System.setProperty(FusedLstmLayer.CELL_PROPERTY, "nd4j");
        }
        try {
            var graph = new ComputationGraph(g.build());
            graph.init();
            return graph;
        } finally {
            System.clearProperty(FusedLstmLayer.CELL_PROPERTY);
        }
    }

    /** The same parameters in every graph: initialised, then shifted so no gate block is all zero. */
    private static ComputationGraph[] graphs(boolean dropout, IUpdater updater, Impl... impls) {
        var out = new ComputationGraph[impls.length + 1];
        out[0] = graph(Impl.DL4J, DataType.DOUBLE, dropout, updater);
        INDArray p = out[0].params();
        Nd4j.getRandom().setSeed(5);
        p.addi(Nd4j.rand(DataType.DOUBLE, p.shape()).subi(0.5).muli(0.4));
        for (int k = 0; k < impls.length; k++) {
            out[k + 1] = graph(impls[k], DataType.FLOAT, dropout, updater);
            out[k + 1].setParams(p.castTo(DataType.FLOAT));
        }
        return out;
    }

    private static DataSet data(int batch, int steps, long seed) {
        var rnd = new Random(seed);
        INDArray x = Nd4j.create(DataType.DOUBLE, batch, IN, steps);
        INDArray y = Nd4j.create(DataType.DOUBLE, batch, OUT, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < IN; i++) {
                    x.putScalar(new long[] {b, i, t}, 2 * rnd.nextGaussian());
                }
                y.putScalar(new long[] {b, rnd.nextInt(OUT), t}, 1.0);
            }
        }
        return new DataSet(x, y);
    }

    private static INDArray gradient(ComputationGraph g, DataSet ds) {
        g.setInputs(ds.getFeatures().castTo(g.params().dataType()));
        g.setLabels(ds.getLabels().castTo(g.params().dataType()));
        g.computeGradientAndScore();
        return g.gradient().gradient().castTo(DataType.DOUBLE);
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff < tol, what + " differ by up to " + diff + ", tolerance " + tol);
    }

    /** Per parameter array (W, RW, b of each layer, the output layer): max difference / max magnitude. */
    private static void assertGradientsClose(ComputationGraph layout, INDArray expected, INDArray actual, String what) {
        long offset = 0;
        for (var e : layout.paramTable().entrySet()) {
            long n = e.getValue().length();
            INDArray want = expected.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + n));
            INDArray got = actual.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + n));
            double scale = want.amaxNumber().doubleValue();
            double rel = want.sub(got).amaxNumber().doubleValue() / scale;
            assertTrue(rel < 1e-4, what + ": gradient of " + e.getKey() + " off by " + rel + " of its largest " + scale);
            offset += n;
        }
    }

    @Test
    void aBatchOfOneGoesThroughGemvAndMatchesExactDl4jForwardBackwardAndStepByStep() {
        ComputationGraph[] g = graphs(false, new NoOp(), Impl.KERNEL);
        DataSet ds = data(1, 11, 23);
        INDArray exact = g[0].outputSingle(ds.getFeatures());
        INDArray kernel = g[1].outputSingle(ds.getFeatures().castTo(DataType.FLOAT));
        assertClose(exact, kernel, 1e-5, "batch-1 kernel and exact outputs");
        assertGradientsClose(g[0], gradient(g[0], ds), gradient(g[1], ds), "batch-1 kernel vs exact");
        // evaluate's path: the state carried across chunks of rnnTimeStep
        g[1].rnnClearPreviousState();
        INDArray x = ds.getFeatures().castTo(DataType.FLOAT);
        INDArray first = g[1].rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)))[0];
        INDArray rest = g[1].rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(4, 11)))[0];
        assertClose(exact.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)), first, 1e-5,
                "first chunk");
        assertClose(exact.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(4, 11)), rest, 1e-5,
                "second chunk, state carried");
    }

    @Test
    void floatKernelMatchesExactDl4jFloatAndThePreviousFusedPath() {
        ComputationGraph[] g = graphs(false, new NoOp(), Impl.KERNEL, Impl.ND4J_CELL, Impl.DL4J);
        assertTrue(g[1].getLayer("lstm_1") instanceof FusedLstmLayer);
        DataSet ds = data(3, 9, 21);
        INDArray exact = g[0].outputSingle(ds.getFeatures());
        INDArray exactGrad = gradient(g[0], ds);
        INDArray kernel = g[1].outputSingle(ds.getFeatures().castTo(DataType.FLOAT));
        INDArray kernelGrad = gradient(g[1], ds);
        assertClose(exact, kernel, 1e-5, "kernel and exact outputs");
        assertGradientsClose(g[0], exactGrad, kernelGrad, "kernel vs exact");
        for (int k = 2; k < g.length; k++) {
            String who = k == 2 ? "previous fused path" : "DL4J LSTM in float";
            assertClose(g[k].outputSingle(ds.getFeatures().castTo(DataType.FLOAT)), kernel, 1e-5, "kernel and " + who + " outputs");
            assertGradientsClose(g[0], gradient(g[k], ds), kernelGrad, "kernel vs " + who);
        }
    }

    @Test
    void dropoutMasksAreAppliedAndBackpropagatedAsByDl4j() {
        ComputationGraph[] g = graphs(true, new NoOp(), Impl.KERNEL);
        DataSet ds = data(4, 7, 22);
        INDArray exactGrad = gradient(g[0], ds);
        INDArray kernelGrad = gradient(g[1], ds);
        assertTrue(Math.abs(g[0].score() - g[1].score()) < 1e-5, "scores " + g[0].score() + " and " + g[1].score());
        assertGradientsClose(g[0], exactGrad, kernelGrad, "with dropout");
    }

    @Test
    void stateCarriesAcrossRnnTimeStepCalls() {
        ComputationGraph[] g = graphs(false, new NoOp(), Impl.KERNEL);
        INDArray x = data(2, 8, 23).getFeatures();
        INDArray whole = g[0].outputSingle(x);
        g[1].rnnClearPreviousState();
        INDArray xf = x.castTo(DataType.FLOAT);
        INDArray prime = g[1].rnnTimeStep(xf.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)))[0];
        assertClose(whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)), prime, 1e-5, "primed steps");
        for (int t = 3; t < 8; t++) {
            INDArray step = g[1].rnnTimeStep(xf.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)))[0];
            assertClose(whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)), step, 1e-5,
                    "step " + t);
        }
    }

    @Test
    void buffersResizedForNewBatchSizesAndLengthsGiveTheSameFunction() {
        ComputationGraph[] g = graphs(false, new NoOp(), Impl.KERNEL);
        int[][] shapes = {{3, 9}, {1, 4}, {5, 2}, {3, 9}};
        for (int k = 0; k < shapes.length; k++) {
            DataSet ds = data(shapes[k][0], shapes[k][1], 30 + k);
            assertClose(g[0].outputSingle(ds.getFeatures()), g[1].outputSingle(ds.getFeatures().castTo(DataType.FLOAT)),
                    1e-5, "outputs at batch " + shapes[k][0] + " x " + shapes[k][1]);
            assertGradientsClose(g[0], gradient(g[0], ds), gradient(g[1], ds),
                    "batch " + shapes[k][0] + " x " + shapes[k][1]);
        }
    }

    @Test
    void kernelGradientsMatchFiniteDifferencesOfTheExactLoss() {
        ComputationGraph[] g = graphs(false, new NoOp(), Impl.KERNEL);
        DataSet ds = data(2, 5, 24);
        INDArray analytic = gradient(g[1], ds);
        INDArray params = g[0].params();
        double eps = 1e-6;
        double scale = analytic.amaxNumber().doubleValue();
        double worst = 0;
        String worstAt = "";
        // every 97th parameter (a prime, so the sample hits every gate block of W, RW and b of both layers)
        for (long i = 0; i < params.length(); i += 97) {
            double v = params.getDouble(i);
            params.putScalar(i, v + eps);
            double up = g[0].score(ds);
            params.putScalar(i, v - eps);
            double down = g[0].score(ds);
            params.putScalar(i, v);
            // DL4J's score is the mean over the minibatch, its raw gradient the sum
            double numeric = 2 * (up - down) / (2 * eps);
            double a = analytic.getDouble(i);
            double err = Math.abs(a - numeric) / scale;
            if (err > worst) {
                worst = err;
                worstAt = "parameter " + i + ": kernel " + a + ", numeric " + numeric;
            }
        }
        assertTrue(worst < 1e-4, "worst error " + worst + " of the largest gradient " + scale + ", at " + worstAt);
    }

    @Test
    void trainingWithAdamFollowsThePreviousFusedPath() {
        ComputationGraph[] g = graphs(false, new Adam(0.01), Impl.KERNEL, Impl.ND4J_CELL);
        for (int i = 0; i < 20; i++) {
            DataSet ds = data(4, 10, 40 + i);
            var f = new DataSet(ds.getFeatures().castTo(DataType.FLOAT), ds.getLabels().castTo(DataType.FLOAT));
            g[1].fit(f);
            g[2].fit(f);
        }
        assertClose(g[2].params(), g[1].params(), 1e-4, "parameters after 20 Adam steps");
        DataSet test = data(4, 10, 99);
        var f = new DataSet(test.getFeatures().castTo(DataType.FLOAT), test.getLabels().castTo(DataType.FLOAT));
        assertTrue(Math.abs(g[1].score(f) - g[2].score(f)) < 1e-5, "losses " + g[1].score(f) + " and " + g[2].score(f));
    }
}
