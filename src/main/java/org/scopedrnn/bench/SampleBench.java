package org.scopedrnn.bench;

import org.scopedrnn.data.Vocabulary;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.sample.CharSampler;
import org.scopedrnn.sample.SamplingOptions;

/** Sampling throughput through {@link CharSampler}: one character per LSTM step, state carried. */
public final class SampleBench {

    private SampleBench() {
    }

    /** Batch 1: characters per second of {@code chars}-character samples (the {@code sample} command's loop). */
    public static Timings single(CharLstmModel model, Vocabulary vocab, int chars, int warmup, int reps) {
        var sampler = new CharSampler(model, vocab);
        long[] nanos = new long[reps];
        for (int i = 0; i < warmup + reps; i++) {
            long t0 = System.nanoTime();
            sampler.sample(SamplingOptions.defaults(chars, i));
            if (i >= warmup) {
                nanos[i - warmup] = System.nanoTime() - t0;
            }
        }
        return Timings.rates(chars, nanos);
    }

    /** {@code streams} samples side by side: characters per second summed over the streams. */
    public static Timings batched(CharLstmModel model, Vocabulary vocab, int streams, int chars, int warmup,
            int reps) {
        var sampler = new CharSampler(model, vocab);
        long[] nanos = new long[reps];
        for (int i = 0; i < warmup + reps; i++) {
            long t0 = System.nanoTime();
            sampler.sampleBatch(streams, SamplingOptions.defaults(chars, i));
            if (i >= warmup) {
                nanos[i - warmup] = System.nanoTime() - t0;
            }
        }
        return Timings.rates((double) streams * chars, nanos);
    }
}
