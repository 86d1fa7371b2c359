/**
 * Generating with trained models: sampling text from a char-LSTM ({@link org.scopedrnn.sample.CharSampler},
 * temperature, top-k, prime text) and translating with a seq2seq model ({@link org.scopedrnn.sample.LoadedSeq2Seq},
 * {@link org.scopedrnn.sample.Seq2SeqDecoder}: greedy or beam search). {@link org.scopedrnn.sample.OneHot} builds
 * a single sequence's model input for sampling and for {@code org.scopedrnn.eval}.
 *
 * <p>Loading a char-LSTM from any checkpoint format is {@code org.scopedrnn.interop.LoadedCharLstm}; measuring
 * (nats/char, accuracy, BLEU) is {@code org.scopedrnn.eval}, which imports this package, never the reverse.
 *
 * <p>May import (of ours): {@code checkpoint}, {@code data}, {@code model}, {@code scope}.
 */
package org.scopedrnn.sample;
