package org.scopedrnn.model.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;

/**
 * CPU time of the {@link CellKernel}'s passes alone (no GEMM) for one layer and one sequence:
 * what the element-wise part of a training step costs at given shapes. Not a test:
 * {@code java -cp target/test-classes:target/classes org.scopedrnn.model.internal.CellKernelTiming
 * batch=100 steps=100 hidden=512 reps=5}.
 */
public final class CellKernelTiming {

    public static void main(String[] args) {
        int batch = arg(args, "batch", 100);
        int steps = arg(args, "steps", 100);
        int hidden = arg(args, "hidden", 512);
        int reps = arg(args, "reps", 5);
        int n = batch * hidden;
        FloatBuffer z = buffer(steps * 4 * n);
        FloatBuffer c = buffer((steps + 1) * n);
        FloatBuffer tc = buffer(steps * n);
        FloatBuffer h = buffer((steps + 1) * n);
        FloatBuffer dh = buffer(steps * n);
        FloatBuffer dz = buffer(steps * 4 * n);
        var kernel = new CellKernel(batch, hidden);
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < reps + 2; r++) {
            long t0 = bean.getCurrentThreadCpuTime();
            for (int t = 0; t < steps; t++) {
                kernel.forward(t, z, c, tc, h);
            }
            long t1 = bean.getCurrentThreadCpuTime();
            kernel.startBackward(null);
            for (int t = steps - 1; t >= 0; t--) {
                kernel.backward(t, z, c, tc, dh, dz);
            }
            long t2 = bean.getCurrentThreadCpuTime();
            if (r >= 2) {
                System.out.printf("batch %d x %d steps, hidden %d: forward %.1f ms, backward %.1f ms (cpu, one layer,"
                        + " one sequence; %.2f ns per unit and step)%n", batch, steps, hidden, (t1 - t0) / 1e6,
                        (t2 - t1) / 1e6, (t2 - t0) / (double) steps / n);
            }
        }
    }

    private static FloatBuffer buffer(int length) {
        FloatBuffer b = ByteBuffer.allocateDirect(4 * length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        var rnd = new Random(length);
        for (int i = 0; i < length; i++) {
            b.put(i, (float) rnd.nextGaussian());
        }
        return b;
    }

    private static int arg(String[] args, String name, int dflt) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return dflt;
    }

    private CellKernelTiming() {
    }
}
