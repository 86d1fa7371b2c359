/**
 * Other tools' checkpoints: reading and writing them, and translating their variable names to and
 * from ours.
 *
 * <p>Three words, three things. A <em>file format</em> ({@link org.scopedrnn.interop.CheckpointFormat}:
 * native, TensorFlow V2, ml5/tfjs) is how the bytes are stored; {@link
 * org.scopedrnn.interop.CheckpointFormat#detect} tells them apart from a path, and this package is the one
 * that dispatches on it. A <em>naming scheme</em> ({@link org.scopedrnn.interop.CharLstmNames.NamingScheme}:
 * anna_writer.py's, ml5's {@code rnnlm/...}) is what the variables are called;
 * {@link org.scopedrnn.interop.CharLstmNames} recognizes one from names and shapes alone and translates it
 * to the canonical names. A <em>gate order</em> (TensorFlow's i, j, f, o against DL4J's) is neither: it
 * lives in {@code org.scopedrnn.model.LstmLayout}.
 *
 * <p>Reach for {@link org.scopedrnn.interop.LoadedCharLstm#load}: any of the three formats, any known
 * naming scheme, and the vocabulary from the checkpoint, from beside it or from a file, give a char-LSTM
 * ready to sample or evaluate. The formats themselves: {@link org.scopedrnn.interop.TensorFlowCheckpoint}
 * (TensorFlow's own V2 bundle, its index a LevelDB table, {@link org.scopedrnn.interop.LevelDbTable}),
 * {@link org.scopedrnn.interop.TensorFlowVocabulary} (the vocabulary a TensorFlow checkpoint keeps beside
 * it), {@link org.scopedrnn.interop.Ml5Checkpoint} (ml5.js / tfjs char-RNN directories). The native format
 * and the training store stay in {@code org.scopedrnn.checkpoint}, which knows nothing of this package.
 *
 * <p>Dependencies point one way: this package builds on the native checkpoint's tensors and byte I/O, our
 * byte formats, vocabularies and the model's canonical variables; nothing it imports imports it back.
 * May import (of ours): {@code checkpoint}, {@code fs}, {@code wire}, {@code data}, {@code model},
 * {@code scope}.
 */
package org.scopedrnn.interop;
