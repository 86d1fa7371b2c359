/**
 * Using trained models: sampling text and scoring it.
 *
 * <p>Load a checkpoint with {@link org.scopedrnn.interop.LoadedCharLstm#load}, then draw text with
 * {@link org.scopedrnn.sample.CharSampler} or measure nats/char with
 * {@link org.scopedrnn.eval.CharEvaluator#streaming}. Translate with a seq2seq model's weights through
 * {@link org.scopedrnn.sample.Seq2SeqDecoder} (greedy or beam search).
 */
package org.scopedrnn.sample;
