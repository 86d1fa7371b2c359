package org.scopedrnn.data;

import java.util.Arrays;

/**
 * A corpus encoded as ids, cut into training text and the held-out tail used for validation
 * (anna_writer.py holds out the last 10%). Its messages name the values, not config keys: the
 * caller that read them from a config adds the keys ({@code config.DataSettings#split}).
 */
public record CorpusSplit(int[] train, int[] validation) {

    public static CorpusSplit of(int[] ids, double validationFraction, int seqLength) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        int cut = (int) Math.round(ids.length * (1 - validationFraction));
        int[] validation = Arrays.copyOfRange(ids, cut, ids.length);
        if (validationFraction > 0 && validation.length < seqLength + 1) {
            throw new CorpusException("the validation part (last " + Math.round(validationFraction * 100)
                    + "% = " + validation.length + " characters) is shorter than one sequence of " + (seqLength + 1)
                    + " characters: use a longer corpus, a larger validation fraction or a shorter sequence length");
        }
        return new CorpusSplit(Arrays.copyOf(ids, cut), validation);
    }
}
