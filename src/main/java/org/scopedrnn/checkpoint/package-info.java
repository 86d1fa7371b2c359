/**
 * Checkpoints in this project's own format, and the store a training run keeps them in: a model's
 * variables by TensorFlow-style scope-qualified name
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
 * model from one, belongs to the {@code model} package. Tensors ({@link org.scopedrnn.checkpoint.Tensor})
 * and their byte stream ({@link org.scopedrnn.checkpoint.TensorWriter}, little-endian, checksummed
 * while written) are public because the foreign formats store the same bytes. Anything that quotes a
 * file's content in a message (names, shapes, JSON values) cuts it short with
 * {@link org.scopedrnn.checkpoint.Bounded}.
 *
 * <p>Foreign formats (TensorFlow V2, ml5/tfjs), their naming schemes and the detection of a path's format
 * live in {@code org.scopedrnn.interop}, which builds on this package; this one never refers to them.
 *
 * <p>This package uses only the JDK, Hadoop's FileSystem API and Jackson: no ND4J, DL4J or Spark, no
 * protobuf, and no Java serialization; native files are raw little-endian tensors plus readable JSON.
 * May import (of ours): {@code fs}.
 */
package org.scopedrnn.checkpoint;
