package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopedrnn.checkpoint.Checkpoint;
import org.scopedrnn.checkpoint.FloatTensor;

/**
 * Some of a checkpoint's float variables as plain serializable arrays (a {@link FloatTensor} is
 * not serializable): what a broadcast ships of a model's weights, without its optimizer slots.
 */
final class WeightValues implements Serializable {

    private final LinkedHashMap<String, long[]> shapes = new LinkedHashMap<>();
    private final LinkedHashMap<String, float[]> values = new LinkedHashMap<>();

    /** The variables {@code names} of {@code checkpoint}. */
    WeightValues(Checkpoint checkpoint, List<String> names) {
        for (String name : names) {
            FloatTensor t = checkpoint.floatVariable(name);
            shapes.put(name, t.shape());
            values.put(name, t.values());
        }
    }

    /** The tensors again, by name in the checkpoint's order. */
    Map<String, FloatTensor> tensors() {
        var out = new LinkedHashMap<String, FloatTensor>();
        shapes.forEach((name, shape) -> out.put(name, new FloatTensor(shape, values.get(name))));
        return out;
    }
}
