/**
 * Measuring models: next-character loss ({@link org.scopedrnn.eval.CharEvaluator}, reported as a
 * {@link org.scopedrnn.eval.Perplexity}: nats/char, bits/char), and translation quality
 * ({@link org.scopedrnn.eval.TranslationMetrics}: character and sequence accuracy, BLEU;
 * {@link org.scopedrnn.eval.Seq2SeqEvaluation} decodes held-out pairs and scores them). Used by
 * {@code evaluate} and by training's validation.
 *
 * <p>Evaluation decodes with the same decoder as {@code translate}, so it imports {@code sample} (never the
 * reverse). May import (of ours): {@code data}, {@code model}, {@code sample}.
 */
package org.scopedrnn.eval;
