/**
 * Model specs and the DL4J graphs built from them through variable scopes.
 *
 * <p>Reach for {@link org.scopedrnn.model.CharLstmModel#create} with a
 * {@link org.scopedrnn.model.CharLstmSpec}: it declares the canonical TensorFlow-layout variables
 * ({@link org.scopedrnn.model.CharLstmVariables}) in a store of its own and builds the graph.
 * Weights and Adam slots leave and enter a model by canonical name
 * ({@link org.scopedrnn.model.CharLstmModel#weights}, {@link org.scopedrnn.model.AdamSlots}); the
 * TF-to-DL4J LSTM layout lives only in {@link org.scopedrnn.model.LstmLayout}. Weights written
 * by other tools (anna_writer.py's or ml5's names) are recognised, and their architecture inferred,
 * in {@code org.scopedrnn.interop}, which builds on this package (never the reverse).
 *
 * <p>Seq2seq: {@link org.scopedrnn.model.Seq2SeqModel#create} with a
 * {@link org.scopedrnn.model.Seq2SeqSpec} declares {@code encode_cell/...}, {@code decode_cell/...} (or
 * unique {@code rnn}, {@code rnn_1}; a decoder reusing the encoder's scope shares its LSTM) through
 * {@link org.scopedrnn.model.Seq2SeqVariables}, and builds a ComputationGraph around one
 * {@link org.scopedrnn.model.Seq2SeqVertex} (the encoder-decoder; its runtime
 * {@link org.scopedrnn.model.Seq2SeqGraphVertex} computes it on the LSTM kernel, the SameDiff graph
 * stays selectable) so dl4j-spark can train it. {@link org.scopedrnn.model.FixedLstmLayer} and the
 * SameDiff path of {@link org.scopedrnn.model.Seq2SeqGraphVertex} work around ND4J/DL4J 1.0.0-M2
 * gradient bugs; the model tests check every gradient against finite differences. Sampling and
 * decoding step through the same kernel via {@link org.scopedrnn.model.SteppedLstm}. Both model kinds are {@link org.scopedrnn.model.ScopedModel}s for
 * {@link org.scopedrnn.model.AdamSlots}, and share one {@link org.scopedrnn.model.AbstractScopedModel}: weights
 * leave and enter either by canonical name through the same code, checked once
 * ({@code ParamBinding}: every missing, unexpected, mistyped or misshapen variable in one message). Their Adam comes from an {@link org.scopedrnn.model.OptimizerSpec}:
 * a fixed step size or a {@link org.scopedrnn.model.LinearWarmup} keyed by DL4J's iteration count.
 *
 * <p>May import (of ours): {@code checkpoint} (tensors), {@code scope}.
 */
package org.scopedrnn.model;
