/**
 * Sampling internals: {@code CharStepper}, batch-1 char-model inference without ND4J ops.
 *
 * <p>May import (of ours): {@code model}.
 */
package org.scopedrnn.sample.internal;
