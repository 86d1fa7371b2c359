/**
 * TensorFlow-1-style variable scopes: the naming layer every model is built through.
 *
 * <p>A model's variables get stable, scope-qualified names such as
 * {@code lstm_cell/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel}; checkpoints are keyed
 * by those names, so the names must not depend on build order or on what else lives in the
 * JVM. Unlike TensorFlow's per-graph global store, every model owns its own
 * {@link org.scopedrnn.scope.VariableStore}: a training model and a sampling model coexist
 * without colliding, and sharing is always explicit ({@link org.scopedrnn.scope.Reuse}).
 *
 * <p>Start with {@code new VariableStore().root()}, open child scopes with
 * {@link org.scopedrnn.scope.VariableScope#scope(String)} (or
 * {@link org.scopedrnn.scope.VariableScope#uniqueScope(String)} for TF-style default names
 * {@code rnn}, {@code rnn_1}, ...) and declare variables with
 * {@link org.scopedrnn.scope.VariableScope#getVariable(String, long...)}. Collisions raise
 * {@link org.scopedrnn.scope.VariableScopeException} with TensorFlow's wording, so users can
 * search for them. Qualified names are built only by {@link org.scopedrnn.scope.ScopeNames}.
 *
 * <p>This package is pure Java: it imports nothing outside the JDK and nothing else of ours.
 *
 * <p>May import (of ours): nothing.
 */
package org.scopedrnn.scope;
