package org.scopedrnn.data;

import java.util.function.Supplier;

/**
 * Brings a corpus error raised on an executor back to the driver as itself: Spark wraps a task's
 * exception in "Job aborted due to stage failure", and the command line turns only a
 * {@link CorpusException} into a clear message and exit status 2.
 */
final class SparkErrors {

    private SparkErrors() {
    }

    static <T> T rethrowCorpusErrors(Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CorpusException c) {
                    throw new CorpusException(c.getMessage(), e);
                }
            }
            throw e;
        }
    }
}
