/** Sampling internals: {@code CharStepper}, batch-1 char-model inference without ND4J ops. */
package org.scopedrnn.sample.internal;
