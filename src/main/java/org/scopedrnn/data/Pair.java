package org.scopedrnn.data;

import java.util.Objects;

/**
 * One translation example: a source sentence and its target. Either side may hold any characters
 * (tabs and line ends too, when built in code rather than read by {@link PairCorpus}); the
 * reserved START/END/PAD symbols of {@link Seq2SeqVocabulary} are ids, never characters.
 */
public record Pair(String source, String target) {

    public Pair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    /** The same example read the other way round (target -> source). */
    public Pair reversed() {
        return new Pair(target, source);
    }
}
