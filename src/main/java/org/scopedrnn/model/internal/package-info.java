/**
 * Computation behind the model package's public layer configurations: {@code FusedLstmLayer}
 * (what {@link org.scopedrnn.model.FusedLstm} instantiates), its time-major work buffers, and the
 * element-wise part of a step: {@code CellKernel} (float, Java loops C2 vectorises, with
 * {@code GateMath}'s tanh and sigmoid) or {@code Nd4jCell} (ND4J ops; double data), and
 * {@code DirectGemm}, the float path's per-step GEMMs through OpenBLAS's {@code cblas_sgemm}
 * (the JavaCPP binding ND4J ships). Imports from the model package only
 * {@link org.scopedrnn.model.LstmLayout}, for the gate order.
 *
 * <p>May import (of ours): {@code model}.
 */
package org.scopedrnn.model.internal;
