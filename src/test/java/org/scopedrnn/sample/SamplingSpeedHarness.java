package org.scopedrnn.sample;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.TestModels;
import org.scopedrnn.sample.internal.CharStepper;
import org.scopedrnn.sample.internal.PreviousCharStepper;

/**
 * Sampling chars/s before and after the samplers moved onto the training LSTM kernel, alternating
 * old and new in one JVM (so outside load hits both alike), on a char model of the given shapes
 * (default anna's: 2 x 512, vocabulary 83) with random weights; each character is drawn top-k 5
 * as the sampler does. Batch 1: the previous {@code CharStepper} (Java loops) against the new one;
 * batched: the previous {@code sampleBatch} loop (the graph's {@code rnnTimeStep}) against the new
 * {@code CharStepper} over all streams. Not a test: after {@code mvn -o -q test-compile},
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/test-classes:target/classes:target/lib/*" \
 *     org.scopedrnn.sample.SamplingSpeedHarness [chars=400] [streams=100] [rounds=3] [hidden=512] [layers=2]
 * </pre>
 */
public final class SamplingSpeedHarness {

    public static void main(String[] args) {
        int chars = arg(args, "chars", 400);
        int streams = arg(args, "streams", 100);
        int rounds = arg(args, "rounds", 3);
        int vocab = 83;
        CharLstmModel model = TestModels.withRandomWeights(TestModels.oneHot(vocab, arg(args, "layers", 2),
                arg(args, "hidden", 512), 1.0), 3, 0.5);
        System.out.printf("2 x %d, vocab %d, %d chars (batched: %d streams x %d chars); OMP_NUM_THREADS=%s%n",
                arg(args, "hidden", 512), vocab, chars, streams, chars / 5, System.getenv("OMP_NUM_THREADS"));
        for (int r = 0; r <= rounds; r++) { // round 0 warms up
            double oldOne = chars / seconds(() -> single(new PreviousCharStepper(model)::step, chars));
            double newOne = chars / seconds(() -> single(new CharStepper(model)::step, chars));
            double oldMany = (double) streams * (chars / 5) / seconds(() -> oldBatched(model, streams, chars / 5));
            double newMany = (double) streams * (chars / 5) / seconds(() -> newBatched(model, streams, chars / 5));
            System.out.printf("%s batch 1: old %.0f new %.0f chars/s (x%.2f); batched: old %.0f new %.0f (x%.2f)%n",
                    r == 0 ? "warm-up" : "round " + r, oldOne, newOne, newOne / oldOne, oldMany, newMany,
                    newMany / oldMany);
        }
    }

    /** {@code chars} characters, each drawn from what {@code step} predicts after the previous one. */
    private static void single(java.util.function.IntFunction<float[]> step, int chars) {
        var rnd = new Random(1);
        int id = 0;
        for (int i = 0; i < chars; i++) {
            id = TopK.draw(step.apply(id).clone(), 1.0, 5, rnd);
        }
    }

    /** The previous {@code CharSampler.sampleBatch} loop: one-hot input, graph rnnTimeStep, rows drawn in turn. */
    private static void oldBatched(CharLstmModel model, int streams, int chars) {
        ComputationGraph graph = model.graph();
        graph.rnnClearPreviousState();
        int vocab = model.spec().vocabSize();
        INDArray step = Nd4j.zeros(DataType.FLOAT, streams, vocab, 1);
        int[] previous = new int[streams];
        var rnd = new Random(1);
        for (int s = 0; s < streams; s++) {
            step.putScalar(s, 0, 0, 1f);
        }
        for (int i = 0; i < chars; i++) {
            INDArray out = graph.rnnTimeStep(step)[0];
            float[][] probs = out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)).toFloatMatrix();
            for (int s = 0; s < streams; s++) {
                int next = TopK.draw(probs[s], 1.0, 5, rnd);
                step.putScalar(s, previous[s], 0, 0f);
                step.putScalar(s, next, 0, 1f);
                previous[s] = next;
            }
        }
        graph.rnnClearPreviousState();
    }

    private static void newBatched(CharLstmModel model, int streams, int chars) {
        int vocab = model.spec().vocabSize();
        var stepper = new CharStepper(model, streams);
        int[] ids = new int[streams];
        float[] row = new float[vocab];
        var rnd = new Random(1);
        for (int i = 0; i < chars; i++) {
            float[] probs = stepper.step(ids);
            for (int s = 0; s < streams; s++) {
                System.arraycopy(probs, s * vocab, row, 0, vocab);
                ids[s] = TopK.draw(row, 1.0, 5, rnd);
            }
        }
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static int arg(String[] args, String name, int dflt) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return dflt;
    }
}
