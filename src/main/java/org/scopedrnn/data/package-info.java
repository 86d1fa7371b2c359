/**
 * Corpora, vocabularies and minibatches.
 *
 * <p>Distributed char corpora (a file, a directory or a glob on any Hadoop FileSystem, read by
 * the executors): {@link org.scopedrnn.data.CorpusScan#run} resolves the files
 * ({@link org.scopedrnn.data.CorpusFiles}), counts characters and the vocabulary on the executors
 * and lays out each file's train/validation split; {@link org.scopedrnn.data.ExecutorCorpus#load}
 * keeps the ids cached on the executors; per epoch {@link org.scopedrnn.data.EpochPlan} (its
 * cursor says where in the epoch a step falls), per averaging round
 * {@link org.scopedrnn.data.ExecutorCorpus#round} gives the round's {@code JavaRDD<DataSet>}
 * assembled on the executors, and {@link org.scopedrnn.data.ExecutorCorpus#validation} sums a
 * {@link org.scopedrnn.data.BatchScorer}'s nats over the validation windows where they lie. No text
 * passes through the driver or a broadcast. The segments may also be the documents of an RDD (a
 * DataFrame column, {@link org.scopedrnn.data.CorpusScan#documents}): each document is read by the
 * executor holding it, and split and cut as a file is.
 *
 * <p>Distributed seq2seq pairs (the same locations, {@code SOURCE<TAB>TARGET} lines):
 * {@link org.scopedrnn.data.PairScan#run} counts each partition's pairs and both vocabularies and
 * applies the per-file split's rule; {@link org.scopedrnn.data.ExecutorPairs#load} keeps the encoded,
 * split pairs cached on the executors, which assemble each round's padded minibatches
 * ({@link org.scopedrnn.data.ExecutorPairs#round}) and score the validation pairs with a
 * {@link org.scopedrnn.data.PairScorer}; only a bounded sample of validation pairs
 * ({@link org.scopedrnn.data.ExecutorPairs#heldOut}) reaches the driver, for decoding.
 *
 * <p>Single texts read whole on the driver (sampling primes, {@code evaluate --text}, {@code describe}):
 * {@link org.scopedrnn.data.TextCorpus#read} (strict UTF-8), a sorted
 * {@link org.scopedrnn.data.Vocabulary}, the tail held out by {@link org.scopedrnn.data.CorpusSplit},
 * windows planned by {@link org.scopedrnn.data.SequencePlan} and cut into DL4J minibatches by
 * {@link org.scopedrnn.data.CharDataSets}.
 *
 * <p>This package knows values, not config keys: its messages name the value and what to change
 * ("a shorter sequence length"), and a caller that read the value from a config adds the key.
 *
 * <p>May import (of ours): its own {@code data.internal} only. Imports the JDK, Hadoop's FileSystem
 * API, Spark and ND4J's DataSet; nothing else of this project (models score validation through
 * {@link org.scopedrnn.data.BatchScorer}, implemented by the trainer).
 */
package org.scopedrnn.data;
