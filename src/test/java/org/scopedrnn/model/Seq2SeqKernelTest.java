package org.scopedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.scopedrnn.scope.Reuse;

/**
 * The seq2seq vertex on the LSTM kernel (the default) computes what its previous SameDiff path
 * computes: the same outputs and the same gradients for every parameter, on the same weights and
 * a batch with padded sources, for separate, shared-LSTM and shared-embedding models, in double
 * (tight) and float (the kernel's own gate math) precision.
 */
class Seq2SeqKernelTest {

    private static final int[][] SOURCES = {{1, 2, 3, 4, 0}, {4, 0}, {2}};
    private static final int[][] TARGETS = {{3, 2, 1}, {0}, {1, 1, 2, 3, 0}};

    private static List<Seq2SeqSpec> specs() {
        return List.of(Seq2SeqSpec.of(5, 7, 3, 4),
                Seq2SeqSpec.of(5, 7, 3, 4).withScopes("shared", "shared", Reuse.AUTO_REUSE),
                new Seq2SeqSpec(7, 7, 3, 4, null, null, Reuse.NONE, true));
    }

    private static Seq2SeqModel model(Seq2SeqSpec spec, DataType type, boolean sameDiff) {
        if (sameDiff) {
            System.setProperty(Seq2SeqGraphVertex.IMPL_PROPERTY, "samediff");
        }
        try {
            Seq2SeqModel m = Seq2SeqModel.create(spec, OptimizerSpec.adam(0.01, 0, 3),
                    Seq2SeqVariables.Origins.CALL_SITE, type);
            m.loadWeights(Seq2SeqFixtures.randomWeights(spec, 61, 1.2));
            if (sameDiff) {
                SAMEDIFF.add(m);
            }
            return m;
        } finally {
            System.clearProperty(Seq2SeqGraphVertex.IMPL_PROPERTY);
        }
    }

    /** {output, flat gradient, score} of one batch. */
    private static INDArray[] outputAndGradient(Seq2SeqModel m, DataType type) {
        MultiDataSet batch = Seq2SeqFixtures.batch(SOURCES, TARGETS, 6, 5, 7);
        ComputationGraph g = m.graph();
        INDArray[] features = cast(batch.getFeatures(), type);
        INDArray[] fMasks = cast(batch.getFeaturesMaskArrays(), type);
        INDArray[] lMasks = cast(batch.getLabelsMaskArrays(), type);
        INDArray out = g.output(false, features, fMasks, lMasks)[0].dup();
        g.setInputs(features);
        g.setLabels(cast(batch.getLabels(), type));
        g.setLayerMaskArrays(fMasks, lMasks);
        g.computeGradientAndScore();
        assertEquals(!sameDiff(m), ((Seq2SeqGraphVertex) g.getVertex(Seq2SeqModel.VERTEX)).onKernel());
        return new INDArray[] {out, g.gradient().gradient().dup()};
    }

    private static boolean sameDiff(Seq2SeqModel m) {
        return SAMEDIFF.contains(m);
    }

    private static final java.util.Set<Seq2SeqModel> SAMEDIFF = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    private static INDArray[] cast(INDArray[] arrays, DataType type) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i] == null ? null : arrays[i].castTo(type);
        }
        return out;
    }

    private static void sameFunction(DataType type, double tolerance) {
        for (Seq2SeqSpec spec : specs()) {
            INDArray[] kernel = outputAndGradient(model(spec, type, false), type);
            INDArray[] sameDiff = outputAndGradient(model(spec, type, true), type);
            assertClose(sameDiff[0], kernel[0], tolerance, spec + " output");
            assertClose(sameDiff[1], kernel[1], tolerance, spec + " gradient");
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative, String what) {
        assertEquals(expected.length(), actual.length(), what);
        double[] e = expected.castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).data().asDouble();
        int nonZero = 0;
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - a[i]);
            assertTrue(err <= relative * Math.max(Math.abs(e[i]), Math.abs(a[i])) + relative * 1e-2,
                    what + " [" + i + "]: expected " + e[i] + ", got " + a[i]);
            nonZero += e[i] != 0 ? 1 : 0;
        }
        assertTrue(nonZero > e.length / 2, what + ": mostly zeros, the comparison would prove little");
    }

    @Test
    void kernelMatchesTheSameDiffPathInDouble() {
        sameFunction(DataType.DOUBLE, 1e-9);
    }

    @Test
    void kernelMatchesTheSameDiffPathInFloat() {
        sameFunction(DataType.FLOAT, 1e-4);
    }
}
