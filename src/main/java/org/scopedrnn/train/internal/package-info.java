/**
 * Internals of the Spark training driver; nothing outside {@code org.scopedrnn.train} imports
 * them. {@link org.scopedrnn.train.internal.WorkerStepHook} patches DL4J M2's worker-side
 * iteration count and dropout seeding. {@link org.scopedrnn.train.internal.TaskGate} is test only:
 * it holds training tasks for fault tests, and is installed only when a test names its directory.
 *
 * <p>May import (of ours): nothing.
 */
package org.scopedrnn.train.internal;
