/**
 * Corpora, vocabularies and minibatches.
 *
 * <p>Read text with {@link org.scopedrnn.data.TextCorpus#read} (any Hadoop path, strict UTF-8),
 * build a sorted {@link org.scopedrnn.data.Vocabulary}, hold out the tail with
 * {@link org.scopedrnn.data.CorpusSplit}, plan each epoch's windows with
 * {@link org.scopedrnn.data.SequencePlan}, and let executors cut them into DL4J minibatches with
 * {@link org.scopedrnn.data.CharDataSets}.
 *
 * <p>This package knows values, not config keys: its messages name the value and what to change
 * ("a shorter sequence length"), and a caller that read the value from a config adds the key.
 */
package org.scopedrnn.data;
