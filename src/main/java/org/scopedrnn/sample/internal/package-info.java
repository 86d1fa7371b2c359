/**
 * Sampling internals on the model package's {@link org.scopedrnn.model.SteppedLstm} (the LSTM
 * kernel that trains): {@code CharStepper}, char-model inference for one or many streams, and
 * {@code DecoderSteps}, a seq2seq decoder's steps with their log-softmax.
 *
 * <p>May import (of ours): {@code model}.
 */
package org.scopedrnn.sample.internal;
