/**
 * Using trained models: sampling text and scoring it.
 *
 * <p>Load a checkpoint with {@link org.scopedrnn.interop.LoadedCharLstm#load}, then draw text with
 * {@link org.scopedrnn.sample.CharSampler} or measure nats/char with
 * {@link org.scopedrnn.eval.CharEvaluator#streaming}. Translate with a seq2seq model's weights through
 * {@link org.scopedrnn.sample.Seq2SeqDecoder} (greedy or beam search).
 *
 * <p>May import (of ours): {@code checkpoint}, {@code data}, {@code model}, {@code scope}.
 */
package org.scopedrnn.sample;
