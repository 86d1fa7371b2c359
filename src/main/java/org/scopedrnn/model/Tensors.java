package org.scopedrnn.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scopedrnn.checkpoint.FloatTensor;

/** Conversions between ND4J arrays and the checkpoint's plain float tensors (row-major). */
public final class Tensors {

    private Tensors() {
    }

    public static FloatTensor toTensor(INDArray array) {
        INDArray c = array.dataType() == DataType.FLOAT ? array : array.castTo(DataType.FLOAT);
        return new FloatTensor(c.shape(), c.dup('c').data().asFloat());
    }

    public static INDArray toArray(FloatTensor tensor) {
        long[] shape = tensor.shape();
        if (shape.length == 0) {
            return Nd4j.scalar(tensor.values()[0]);
        }
        return Nd4j.create(tensor.values(), shape, 'c');
    }
}
