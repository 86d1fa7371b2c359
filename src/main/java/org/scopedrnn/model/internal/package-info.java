/**
 * Computation behind the model package's LSTMs, all on one kernel: {@code LstmPass} (one layer
 * over a whole sequence, forward and backward: whole-sequence GEMMs, per step one recurrent GEMM and
 * one element-wise pass), used by {@code FusedLstmLayer} (what {@link org.scopedrnn.model.FusedLstm}
 * instantiates) and by {@code EncoderDecoder} (the seq2seq vertex's encoder and decoder);
 * {@code StepKernel} and {@code DenseKernel}, the same step for inference (sampling, decoding) behind
 * {@link org.scopedrnn.model.SteppedLstm}; time-major work buffers; and the element-wise part of a
 * step: {@code CellKernel} (float, Java loops C2 vectorises, with {@code GateMath}'s tanh and
 * sigmoid) or {@code Nd4jCell} (ND4J ops; double data), and {@code DirectGemm}, the float path's
 * per-step GEMMs through OpenBLAS's {@code cblas_sgemm} (the JavaCPP binding ND4J ships). Imports
 * from the model package only {@link org.scopedrnn.model.LstmLayout}, for the gate order.
 *
 * <p>May import (of ours): {@code model}.
 */
package org.scopedrnn.model.internal;
