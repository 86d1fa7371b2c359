/**
 * Internals of the Spark training driver; nothing outside {@code org.scopedrnn.train} imports
 * them. {@link org.scopedrnn.train.internal.WorkerStepHook} patches DL4J M2's worker-side
 * iteration count and dropout seeding.
 */
package org.scopedrnn.train.internal;
