package org.scopedrnn.model;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.samediff.SameDiffGraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;

/**
 * DL4J's runtime SameDiff vertex, with its gradient doubling undone.
 *
 * <p>In DL4J/ND4J 1.0.0-M2 the vertex's gradient function receives the incoming error twice: the
 * {@code ExternalErrorsFunction} that feeds it both registers the error placeholder as its input's
 * gradient and returns it, and SameDiff adds the two ({@code add(out-grad, out-grad)}). Every
 * parameter gradient and input error of a SameDiff vertex is therefore twice the true one (checked
 * against finite differences). This class looks for exactly that addition in the gradient function
 * and, if present, halves what {@code doBackward} returns, so an ND4J without the bug is left alone.
 */
final class Seq2SeqGraphVertex extends SameDiffGraphVertex {

    private Boolean doubled;

    Seq2SeqGraphVertex(SameDiffVertex config, ComputationGraph graph, String name, int vertexIndex,
            INDArray paramsView, boolean initParams, DataType dataType) {
        super(config, graph, name, vertexIndex, paramsView, initParams, dataType);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray[]> out = super.doBackward(tbptt, workspaceMgr);
        if (doubled == null) {
            doubled = errorIsAddedToItself(sameDiff, fn.getGradPlaceholderName());
        }
        if (doubled) {
            // the gradient arrays are views of the network's gradient buffer: halve in place
            out.getFirst().gradientForVariable().values().forEach(g -> g.divi(2));
            for (INDArray e : out.getSecond()) {
                if (e != null) {
                    e.divi(2);
                }
            }
        }
        return out;
    }

    /** True if the gradient function adds the external error placeholder to itself. */
    static boolean errorIsAddedToItself(SameDiff sd, String errorName) {
        SameDiff grad = sd.getFunction("grad");
        if (grad == null) {
            return false;
        }
        for (SameDiffOp op : grad.getOps().values()) {
            List<String> inputs = op.getInputsToOp();
            if (op.getOp() instanceof AddOp && inputs != null && inputs.size() == 2
                    && inputs.get(0).equals(errorName) && inputs.get(1).equals(errorName)) {
                return true;
            }
        }
        return false;
    }
}
