package org.scopedrnn.train.internal;

import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.factory.Nd4j;

/** What ND4J computes with in this JVM: backend, devices, BLAS, threads. */
public final class Backends {

    private static final AtomicBoolean EXECUTOR_LOGGED = new AtomicBoolean();

    private Backends() {
    }

    /**
     * One line, e.g. {@code nd4j backend CpuBackend, 1 device(s), blas OPENBLAS
     * (OPENBLAS_CORETYPE=SKYLAKEX), threads per op 1, cores 2}. Threads are ND4J's own setting
     * (from OMP_NUM_THREADS): the "omp.threads" of its environment information reports the OpenMP
     * default (4 on a 2-core machine) whatever OMP_NUM_THREADS says.
     */
    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        return String.format(Locale.ROOT, "nd4j backend %s, %d device(s), blas %s%s, threads per op %d, cores %s",
                Nd4j.getBackend().getClass().getSimpleName(), Nd4j.getAffinityManager().getNumberOfDevices(), blas,
                coreType == null ? "" : " (OPENBLAS_CORETYPE=" + coreType + ")",
                Nd4j.getEnvironment().maxThreads(), env.getOrDefault("cores", "?"));
    }

    /** Logs {@link #describe()} to stderr the first time a task runs in this executor JVM. */
    static void logOnceOnExecutor(String executorId) {
        if (EXECUTOR_LOGGED.compareAndSet(false, true)) {
            System.err.println("executor " + executorId + ": " + describe());
        }
    }
}
