/**
 * Checkpoints: a model's variables by TensorFlow-style scope-qualified name
 * ({@code lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel}, optimizer slots such as
 * {@code .../kernel/Adam}, {@code global_step}), with the metadata needed to use them again
 * (model spec, vocabulary, step, validation loss, provenance), stored on any Hadoop
 * FileSystem.
 *
 * <p>Reach first for {@link org.scopedrnn.checkpoint.CheckpointStore} when training: it owns a
 * run's {@code checkpoints/} directory, commits each save atomically, and keeps the last few
 * plus the best. Use {@link org.scopedrnn.checkpoint.NativeCheckpoint} to read or write one
 * checkpoint directory (sample, evaluate, inspect, export). A
 * {@link org.scopedrnn.checkpoint.Checkpoint} is plain data: building one from a model, or a
 * model from one, belongs to the {@code model} package. Foreign formats:
 * {@link org.scopedrnn.interop.TensorFlowCheckpoint} reads and writes TensorFlow's own V2
 * checkpoint files, {@link org.scopedrnn.interop.Ml5Checkpoint} ml5.js / tfjs char-RNN
 * directories, and {@link org.scopedrnn.interop.CheckpointFormat#detect} tells the three apart
 * from a path. A TensorFlow checkpoint's vocabulary lives beside it, per prefix
 * ({@link org.scopedrnn.interop.TensorFlowVocabulary}). Anything that quotes a file's content in
 * a message (names, shapes, JSON values) cuts it short with {@link org.scopedrnn.checkpoint.Bounded}.
 *
 * <p>This package uses only the JDK, Hadoop's FileSystem API, Jackson and our byte formats
 * ({@code org.scopedrnn.wire}): no ND4J, DL4J or Spark, no protobuf library, and no Java
 * serialization; native files are raw little-endian tensors plus readable JSON.
 */
package org.scopedrnn.checkpoint;
