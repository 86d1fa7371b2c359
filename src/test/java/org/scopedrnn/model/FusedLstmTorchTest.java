package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.scopedrnn.PythonPeer;
import org.scopedrnn.model.internal.FusedLstmLayer;

/**
 * The fused layer's float kernel against {@code torch.nn.LSTM} (float64) on the same weights,
 * forget bias folded into {@code b}: outputs within 1e-5, gradients of W, RW, b and the input
 * within 1e-4 of each array's largest. Needs a Python with torch ({@code $SCOPED_RNN_PYTHON}).
 */
class FusedLstmTorchTest {

    private static final int B = 4;
    private static final int IN = 6;
    private static final int H = 40;
    private static final int T = 12;

    @Test
    void outputsAndGradientsMatchTorchLstm(@TempDir Path dir) throws IOException {
        var conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT).updater(new NoOp())
                .graphBuilder().addInputs("in")
                .addLayer("lstm", FusedLstm.of(new LSTM.Builder().nIn(IN).nOut(H).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0).build()), "in")
                .setOutputs("lstm").setInputTypes(InputType.recurrent(IN)).build();
        var graph = new ComputationGraph(conf);
        graph.init();
        graph.initGradientsView();
        Layer layer = graph.getLayer("lstm");
        assertTrue(layer instanceof FusedLstmLayer);
        Nd4j.getRandom().setSeed(11);
        INDArray b = layer.getParam("b");
        b.addi(Nd4j.rand(DataType.FLOAT, b.shape()).subi(0.5));
        INDArray x = Nd4j.randn(DataType.FLOAT, B, IN, T).muli(1.5);
        INDArray eps = Nd4j.randn(DataType.FLOAT, B, H, T);
        Map<String, INDArray> mine = Map.of("x", x, "W", layer.getParam("W"), "RW", layer.getParam("RW"), "b", b,
                "eps", eps);
        for (var e : mine.entrySet()) {
            write(dir.resolve(e.getKey() + ".f32"), e.getValue());
        }
        int[] blocks = {LstmLayout.dl4jBlockOfTfGate(LstmLayout.TF_I), LstmLayout.dl4jBlockOfTfGate(LstmLayout.TF_F),
                LstmLayout.dl4jBlockOfTfGate(LstmLayout.TF_J), LstmLayout.dl4jBlockOfTfGate(LstmLayout.TF_O)};
        Files.writeString(dir.resolve("dims.json"), String.format("{\"batch\": %d, \"inputs\": %d, \"hidden\": %d,"
                + " \"steps\": %d, \"blocks\": [%d, %d, %d, %d]}", B, IN, H, T, blocks[0], blocks[1], blocks[2], blocks[3]));
        String result = PythonPeer.lastLine(PythonPeer.run("/interop/torch_lstm_layer.py", dir.toString()));
        PythonPeer.assumeOrFailOnCi(!result.contains("\"skip\""), "the Python peer has no torch: " + result);

        var mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray out = layer.activate(x, true, mgr).dup();
        var grads = layer.backpropGradient(eps, mgr);
        assertClose(read(dir.resolve("out.f32"), B, H, T), out, 1e-5, "outputs");
        assertRelative(read(dir.resolve("dW.f32"), IN, 4 * H), grads.getFirst().getGradientFor("W"), "dW");
        assertRelative(read(dir.resolve("dRW.f32"), H, 4 * H), grads.getFirst().getGradientFor("RW"), "dRW");
        assertRelative(read(dir.resolve("db.f32"), 1, 4 * H), grads.getFirst().getGradientFor("b"), "db");
        assertRelative(read(dir.resolve("dx.f32"), B, IN, T), grads.getSecond(), "dx");
    }

    private static void write(Path file, INDArray a) throws IOException {
        float[] v = a.dup('c').data().asFloat();
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        Files.write(file, bb.array());
    }

    private static INDArray read(Path file, long... shape) throws IOException {
        var fb = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] v = new float[fb.remaining()];
        fb.get(v);
        return Nd4j.create(v, shape, 'c');
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        double diff = expected.sub(actual.reshape(expected.shape())).amaxNumber().doubleValue();
        assertTrue(diff < tol, what + " differ from torch's by up to " + diff);
    }

    private static void assertRelative(INDArray expected, INDArray actual, String what) {
        double scale = expected.amaxNumber().doubleValue();
        double rel = expected.sub(actual.reshape(expected.shape())).amaxNumber().doubleValue() / scale;
        assertTrue(rel < 1e-4, what + " differs from torch's by " + rel + " of its largest value " + scale);
    }
}
