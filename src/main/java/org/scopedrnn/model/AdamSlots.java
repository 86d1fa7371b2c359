package org.scopedrnn.model;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.scopedrnn.checkpoint.FloatTensor;
import org.scopedrnn.checkpoint.LongTensor;
import org.scopedrnn.checkpoint.Tensor;
import org.scopedrnn.scope.ScopeNames;

/**
 * Adam's state under TensorFlow's slot names: {@code <var>/Adam} (first moment),
 * {@code <var>/Adam_1} (second moment), {@code beta1_power}, {@code beta2_power} and
 * {@code global_step}.
 *
 * <p>DL4J keeps Adam's moments in one flat state array, one block per run of layers with equal
 * updater config; inside a block all first moments come first, then all second moments, each in
 * the block's parameter order. DL4J's bias correction at iteration t uses beta^(t+1), which is
 * exactly TensorFlow's {@code beta_power} after t steps, so {@code global_step} = DL4J's iteration
 * count.
 */
public final class AdamSlots {

    public static final String FIRST_MOMENT = "Adam";
    public static final String SECOND_MOMENT = "Adam_1";
    public static final String BETA1_POWER = "beta1_power";
    public static final String BETA2_POWER = "beta2_power";
    public static final String GLOBAL_STEP = "global_step";

    private AdamSlots() {
    }

    public static String firstMoment(String variable) {
        return ScopeNames.qualify(variable, FIRST_MOMENT);
    }

    public static String secondMoment(String variable) {
        return ScopeNames.qualify(variable, SECOND_MOMENT);
    }

    /** The slots of every variable, then the beta powers and global step. */
    public static Map<String, Tensor> read(ScopedModel model) {
        ComputationGraph graph = model.graph();
        var moments = moments(graph);
        var out = new LinkedHashMap<String, Tensor>();
        for (ParamBinding b : model.bindings()) {
            out.put(firstMoment(b.variable()), Tensors.toTensor(b.read((v, k) -> moments.get(v + "_" + k)[0], true)));
            out.put(secondMoment(b.variable()), Tensors.toTensor(b.read((v, k) -> moments.get(v + "_" + k)[1], true)));
        }
        long step = graph.getConfiguration().getIterationCount();
        Adam adam = adam(model);
        out.put(BETA1_POWER, FloatTensor.scalar((float) Math.pow(adam.getBeta1(), step + 1)));
        out.put(BETA2_POWER, FloatTensor.scalar((float) Math.pow(adam.getBeta2(), step + 1)));
        out.put(GLOBAL_STEP, LongTensor.scalar(step));
        return out;
    }

    /** Restores moments and the step counter written by {@link #read}. */
    public static void write(ScopedModel model, Map<String, ? extends Tensor> slots) {
        ComputationGraph graph = model.graph();
        var moments = moments(graph);
        for (ParamBinding b : model.bindings()) {
            for (int which = 0; which < 2; which++) {
                String name = which == 0 ? firstMoment(b.variable()) : secondMoment(b.variable());
                Tensor t = slots.get(name);
                if (t == null) {
                    throw new IllegalArgumentException("optimizer state lacks " + name
                            + " (checkpoint written without Adam slots? start without --resume)");
                }
                int w = which;
                b.write(Tensors.toArray(ParamBinding.requireFloat(name, t, b.shape())),
                        (v, k) -> moments.get(v + "_" + k)[w], true);
            }
        }
        Tensor step = slots.get(GLOBAL_STEP);
        if (!(step instanceof LongTensor ls) || ls.values().length != 1) {
            throw new IllegalArgumentException("optimizer state needs an int64 scalar " + GLOBAL_STEP + ", got " + step);
        }
        graph.getConfiguration().setIterationCount((int) ls.values()[0]);
    }

    /** "vertex_key" -> {first moment view, second moment view}, shaped and ordered like the parameter. */
    static Map<String, INDArray[]> moments(ComputationGraph graph) {
        var out = new HashMap<String, INDArray[]>();
        var updater = graph.getUpdater(true);
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            if (block.getUpdaterView() == null) {
                continue;
            }
            INDArray view = block.getUpdaterView().reshape(block.getUpdaterView().length());
            long half = view.length() / 2;
            for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
                long from = ps.getParamOffsetStart() - block.getParamOffsetStart();
                long to = ps.getParamOffsetEnd() - block.getParamOffsetStart();
                // ParamState's own view is the flat slice; the layer's (or SameDiff vertex's) parameter has
                // the real shape
                INDArray param = ps.getLayer().paramTable(false).get(ps.getParamName());
                INDArray m = view.get(NDArrayIndex.interval(from, to));
                INDArray v = view.get(NDArrayIndex.interval(half + from, half + to));
                String key = ps.getLayer().getConfig().getLayerName() + "_" + ps.getParamName();
                out.put(key, new INDArray[] {m.reshape(param.ordering(), param.shape()),
                        v.reshape(param.ordering(), param.shape())});
            }
        }
        return out;
    }

    private static Adam adam(ScopedModel model) {
        return new Adam(model.optimizer().learningRate(), model.optimizer().beta1(), model.optimizer().beta2(),
                model.optimizer().epsilon());
    }
}
