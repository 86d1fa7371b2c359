package org.scopedrnn.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.scopedrnn.model.internal.FusedLstmLayer;

/**
 * DL4J's {@code LSTM} layer configuration computed by {@link FusedLstmLayer}: the same parameters
 * ({@code W [in, 4h]}, {@code RW [h, 4h]}, {@code b [1, 4h]}, same gate blocks and flattening order,
 * so checkpoints, TF/ml5 interop and Adam slots see no difference) and the same function, but the
 * input projection of all time steps is one GEMM, each step does only the recurrent GEMM and one
 * pass of Java loops for all gates (float data) on preallocated buffers, the weight gradients are
 * one GEMM each after the backward loop, and the forward pass of a training step is kept for its
 * backward pass (DL4J's layer runs it twice). Being a subclass of {@code LSTM}, it keeps DL4J's
 * parameter initializer, JSON form (by class name) and cloning, which dl4j-spark's workers rely on.
 */
public class FusedLstm extends LSTM {

    /** For Jackson (DL4J's JSON configuration) and {@link #of}. */
    public FusedLstm() {
    }

    /** The fused form of a built DL4J {@code LSTM} configuration: every setting copied. */
    public static FusedLstm of(LSTM template) {
        var out = new FusedLstm();
        // LSTM's Builder constructor is private: copy what it set, field by field, up the hierarchy
        for (Class<?> c = LSTM.class; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(out, f.get(template));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy LSTM setting " + f.getName(), e);
                }
            }
        }
        return out;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedLstm", getLayerName(), layerIndex, getNIn(), getNOut());
        var layer = new FusedLstmLayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
