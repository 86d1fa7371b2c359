package org.scopedrnn.model;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A DL4J graph whose parameters are bound to canonical, scope-named variables: what
 * {@link AdamSlots} needs to read and write optimizer state under TensorFlow's slot names.
 * Implemented by {@link CharLstmModel} and {@link Seq2SeqModel}.
 */
public interface ScopedModel {

    /** The graph that holds the parameters and the updater state. */
    ComputationGraph graph();

    /** One binding per canonical variable, in declaration order. */
    List<ParamBinding> bindings();

    /** The optimizer the graph was configured with. */
    OptimizerSpec optimizer();
}
