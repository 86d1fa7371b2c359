/**
 * Computation behind the model package's public layer configurations: {@code FusedLstmLayer}
 * (what {@link org.scopedrnn.model.FusedLstm} instantiates) and its time-major work buffers.
 */
package org.scopedrnn.model.internal;
