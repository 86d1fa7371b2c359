package org.scopedrnn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prints training chars/s (fwd + bwd + Adam) of the char model at anna_writer.py's shapes for each
 * LSTM implementation, side by side in one JVM (alternating, so outside load hits them alike), as
 * wall time and as process CPU time (robust when other processes share the cores); optionally
 * batch-1 sampling chars/s through {@code CharSampler}, an ND4J op profile, per-op costs, and the
 * raw GEMM budget of one step. Not a test: after {@code mvn -o -q test-compile},
 * <pre>
 * OMP_NUM_THREADS=1 OPENBLAS_CORETYPE=SKYLAKEX java -cp "target/test-classes:target/classes:target/lib/*" \
 *     org.scopedrnn.model.LstmSpeedHarness impls=dl4j,fused reps=5 sample=300 sreps=3 [profile=true] [keep=0.5]
 * </pre>
 * ({@code impls} may also list {@code nd4jcell}, the fused layer's previous element-wise path,
 * {@code gemm} and {@code ops}). Compare figures of one run only.
 */
public final class LstmSpeedHarness {

    public static void main(String[] args) {
        int batch = intArg(args, "batch", 100);
        int steps = intArg(args, "steps", 100);
        int hidden = intArg(args, "hidden", 512);
        int layers = intArg(args, "layers", 2);
        int vocab = intArg(args, "vocab", 83);
        int reps = intArg(args, "reps", 5);
        String which = strArg(args, "impls", "dl4j,fused");
        double keep = Double.parseDouble(strArg(args, "keep", "1.0"));
        System.out.printf("shapes: batch %d x seq %d, %d x LSTM(%d), vocab %d; OMP_NUM_THREADS=%s OPENBLAS_CORETYPE=%s%n",
                batch, steps, layers, hidden, vocab, System.getenv("OMP_NUM_THREADS"), System.getenv("OPENBLAS_CORETYPE"));
        DataSet ds = oneHotBatch(vocab, batch, steps, new Random(1));
        var names = new ArrayList<String>();
        var graphs = new ArrayList<ComputationGraph>();
        for (String impl : which.split(",")) {
            if (impl.equals("ops")) {
                opCosts(batch, hidden);
                continue;
            }
            if (impl.equals("gemm")) {
                gemmBudget(batch, steps, hidden, vocab, reps);
                continue;
            }
            var spec = new CharLstmSpec(vocab, layers, hidden, InputKind.ONE_HOT, 0, keep, 1.0, "lstm_cell");
            ComputationGraph g = model(spec, impl).graph();
            for (int i = 0; i < 2 && reps > 0; i++) {
                g.fit(ds);
            }
            names.add(impl);
            graphs.add(g);
        }
        // alternate the implementations, so load from other processes hits them alike
        var times = new ArrayList<List<Double>>();
        var cpu = new ArrayList<List<Double>>();
        graphs.forEach(g -> times.add(new ArrayList<>()));
        graphs.forEach(g -> cpu.add(new ArrayList<>()));
        for (int i = 0; i < reps; i++) {
            for (int k = 0; k < graphs.size(); k++) {
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                graphs.get(k).fit(ds);
                times.get(k).add((System.nanoTime() - t0) / 1e9);
                cpu.get(k).add((cpuNanos() - c0) / 1e9);
            }
        }
        int sampleChars = intArg(args, "sample", 0);
        if (sampleChars > 0) {
            var text = new StringBuilder();
            for (int i = 0; i < vocab; i++) {
                text.append((char) ('!' + i));
            }
            var vocabulary = org.scopedrnn.data.Vocabulary.of(text);
            var samplers = new ArrayList<org.scopedrnn.sample.CharSampler>();
            for (String impl : names) {
                var spec = new CharLstmSpec(vocab, layers, hidden, InputKind.ONE_HOT, 0, keep, 1.0, "lstm_cell");
                samplers.add(new org.scopedrnn.sample.CharSampler(model(spec, impl), vocabulary));
            }
            var opts = new org.scopedrnn.sample.SamplingOptions("!", sampleChars, 1.0, 5, 7);
            var st = new ArrayList<List<Double>>();
            samplers.forEach(x -> st.add(new ArrayList<>()));
            var sc = new ArrayList<List<Double>>();
            samplers.forEach(x -> sc.add(new ArrayList<>()));
            int sreps = intArg(args, "sreps", 5);
            for (int i = 0; i < sreps + 1; i++) {
                for (int k = 0; k < samplers.size(); k++) {
                    long t0 = System.nanoTime();
                    long c0 = cpuNanos();
                    samplers.get(k).sample(opts);
                    if (i > 0) {
                        st.get(k).add(sampleChars / ((System.nanoTime() - t0) / 1e9));
                        sc.get(k).add(sampleChars / ((cpuNanos() - c0) / 1e9));
                    }
                }
            }
            for (int k = 0; k < samplers.size(); k++) {
                System.out.printf("sample %-6s median %8.0f chars/s  %8.0f chars per cpu-s (batch 1; runs %s)%n", names.get(k),
                        median(st.get(k)), median(sc.get(k)), st.get(k));
            }
        }
        if (Boolean.parseBoolean(strArg(args, "profile", "false"))) {
            for (int k = 0; k < graphs.size(); k++) {
                System.out.println("=== op profile: " + names.get(k));
                org.nd4j.linalg.profiler.OpProfiler.getInstance().reset();
                Nd4j.getExecutioner().setProfilingMode(org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.OPERATIONS);
                graphs.get(k).fit(ds);
                Nd4j.getExecutioner().setProfilingMode(org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.DISABLED);
                org.nd4j.linalg.profiler.OpProfiler.getInstance().printOutDashboard();
            }
        }
        for (int k = 0; k < graphs.size() && reps > 0; k++) {
            double med = median(times.get(k));
            // the process CPU clock ticks in 10 ms: the mean over all repetitions resolves short steps
            double cpuMean = cpu.get(k).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            System.out.printf("train %-6s median %.3f s/step  %8.0f chars/s  cpu %.3f s/step (%8.0f chars per cpu-s;"
                    + " mean %.4f s, %8.0f)  (steps %s)%n", names.get(k), med, batch * steps / med, median(cpu.get(k)),
                    batch * steps / median(cpu.get(k)), cpuMean, batch * steps / cpuMean, times.get(k));
        }
    }

    /** {@code nd4jcell}: the fused layer with its previous element-wise path (separate ND4J ops). */
    static CharLstmModel model(CharLstmSpec spec, String impl) {
        boolean nd4jCell = impl.equals("nd4jcell");
        if (nd4jCell) {
            System.setProperty(org.scopedrnn.model.internal.FusedLstmLayer.CELL_PROPERTY, "nd4j");
        }
        try {
            return CharLstmModel.create(spec, OptimizerSpec.adam(0.001, 5, 42), LstmImpl.parse(nd4jCell ? "fused" : impl));
        } finally {
            System.clearProperty(org.scopedrnn.model.internal.FusedLstmLayer.CELL_PROPERTY);
        }
    }

    static void gemmBudget(int batch, int steps, int hidden, int vocab, int reps) {
        int bt = batch * steps;
        INDArray x = Nd4j.rand(DataType.FLOAT, bt, hidden);
        INDArray w = Nd4j.rand(DataType.FLOAT, hidden, 4 * hidden);
        INDArray z = Nd4j.create(DataType.FLOAT, bt, 4 * hidden);
        INDArray h = Nd4j.rand(DataType.FLOAT, batch, hidden);
        INDArray zs = Nd4j.create(DataType.FLOAT, batch, 4 * hidden);
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            x.mmuli(w, z);
            long t1 = System.nanoTime();
            for (int t = 0; t < steps; t++) {
                h.mmuli(w, zs);
            }
            long t2 = System.nanoTime();
            double big = (t1 - t0) / 1e9;
            double small = (t2 - t1) / 1e9;
            double flop = 2.0 * bt * hidden * 4 * hidden;
            System.out.printf("gemm [%d,%d]x[%d,%d]: %.3f s (%.0f GFLOP/s); %d x [%d,%d]x[%d,%d]: %.3f s (%.0f GFLOP/s)%n",
                    bt, hidden, hidden, 4 * hidden, big, flop / big / 1e9, steps, batch, hidden, hidden, 4 * hidden,
                    small, flop / small / 1e9);
        }
    }

    /** CPU time of the whole process, native BLAS/OpenMP threads included. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void opCosts(int batch, int hidden) {
        INDArray big = Nd4j.rand(DataType.FLOAT, batch, 4 * hidden);
        INDArray strided = big.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(hidden, 2 * hidden));
        INDArray a = Nd4j.rand(DataType.FLOAT, batch, hidden);
        INDArray b = Nd4j.rand(DataType.FLOAT, batch, hidden);
        INDArray out = Nd4j.create(DataType.FLOAT, batch, hidden);
        INDArray af = Nd4j.rand(DataType.FLOAT, 'f', batch, hidden);
        int n = 2000;
        for (int rep = 0; rep < 2; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) a.mul(b, out);
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) strided.mul(b, out);
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(a, out));
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(strided, out));
            long t4 = System.nanoTime();
            for (int i = 0; i < n; i++) a.muli(b);
            long t5 = System.nanoTime();
            for (int i = 0; i < n; i++) af.mul(b, out);
            long t6 = System.nanoTime();
            for (int i = 0; i < n; i++) out.assign(strided);
            long t7 = System.nanoTime();
            System.out.printf("per op us: mul contiguous %.1f, mul strided %.1f, tanh contiguous %.1f, tanh strided %.1f, muli inplace %.1f, mul f*c %.1f, assign strided %.1f%n",
                    (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n, (t5 - t4) / 1e3 / n,
                    (t6 - t5) / 1e3 / n, (t7 - t6) / 1e3 / n);
        }
    }

    static DataSet oneHotBatch(int vocab, int batch, int steps, Random rnd) {
        float[] in = new float[batch * vocab * steps];
        float[] lab = new float[batch * vocab * steps];
        for (int b = 0; b < batch; b++) {
            int prev = rnd.nextInt(vocab);
            for (int t = 0; t < steps; t++) {
                int next = rnd.nextInt(vocab);
                in[(b * vocab + prev) * steps + t] = 1f;
                lab[(b * vocab + next) * steps + t] = 1f;
                prev = next;
            }
        }
        return new DataSet(Nd4j.create(in, new long[] {batch, vocab, steps}, 'c'),
                Nd4j.create(lab, new long[] {batch, vocab, steps}, 'c'));
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    static int intArg(String[] args, String name, int dflt) {
        return Integer.parseInt(strArg(args, name, Integer.toString(dflt)));
    }

    static String strArg(String[] args, String name, String dflt) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return dflt;
    }

    private LstmSpeedHarness() {
    }
}
