package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Pairs cut into training and validation sets. The number held out is what Keras'
 * {@code fit(validation_split=f)} holds out: training keeps {@code ceil(n * (1 - f))} pairs.
 * Which pairs are held out depends on the {@link Mode}:
 * <ul>
 *   <li>{@link Mode#TAIL}: the last ones, in file order, exactly as Keras' {@code validation_split}
 *       (the classic seq2seq recipe). fra-eng.txt is sorted shortest first, so the tail is the
 *       longest pairs: validation loss is then higher than training loss by construction.</li>
 *   <li>{@link Mode#SHUFFLED}: the pairs are first shuffled with {@code java.util.Random(seed)}
 *       (Fisher-Yates from the last index down), then cut; training and validation each keep the
 *       shuffled order. {@code bench/keras_seq2seq.py --split shuffled --seed S} reimplements
 *       {@code java.util.Random} and holds out the same pairs.</li>
 * </ul>
 */
public record PairSplit<T>(List<T> train, List<T> validation) {

    public enum Mode {
        TAIL, SHUFFLED;

        public static Mode parse(String value) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(value)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown split mode '" + value + "': expected tail or shuffled");
        }
    }

    public PairSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    public static <T> PairSplit<T> of(List<T> items, double validationFraction, Mode mode, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        List<T> ordered = items;
        if (mode == Mode.SHUFFLED) {
            int[] order = new int[items.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            PairPlan.shuffle(order, new Random(seed));
            var shuffled = new ArrayList<T>(order.length);
            for (int i : order) {
                shuffled.add(items.get(i));
            }
            ordered = shuffled;
        }
        int cut = (int) Math.ceil(items.size() * (1.0 - validationFraction));
        if (cut < 1) {
            throw new CorpusException("no training pairs are left after holding out "
                    + String.format(Locale.ROOT, "%.0f%%", validationFraction * 100) + " of " + items.size()
                    + " for validation: use more pairs or a smaller validation fraction");
        }
        return new PairSplit<>(ordered.subList(0, cut), ordered.subList(cut, ordered.size()));
    }
}
