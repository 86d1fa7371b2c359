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
 * by {@link org.scopedrnn.model.CharLstmLayouts}.
 */
package org.scopedrnn.model;
