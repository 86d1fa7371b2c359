/**
 * Using trained models: sampling text and scoring it.
 *
 * <p>Load a checkpoint with {@link org.scopedrnn.sample.LoadedCharLstm#load}, then draw text with
 * {@link org.scopedrnn.sample.CharSampler} or measure nats/char with
 * {@link org.scopedrnn.sample.CharEvaluator#streaming}.
 */
package org.scopedrnn.sample;
