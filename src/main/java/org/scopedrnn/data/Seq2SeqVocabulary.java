package org.scopedrnn.data;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The source and target character vocabularies of a seq2seq model, with reserved ids.
 *
 * <p>Both sides keep their characters in a {@link Vocabulary} (sorted by code point, so the same
 * pairs always give the same ids) and shift them past the reserved ids:
 * <pre>
 *   source ids: 0 = PAD, 1 .. source.size()      = source characters in code point order
 *   target ids: 0 = PAD, 1 = START, 2 = END,
 *               3 .. target.size() + 2           = target characters in code point order
 * </pre>
 * START and END are ids, not characters (the Keras example uses {@code "\t"} and {@code "\n"}):
 * any character, tabs and line ends included, can occur in a sentence without clashing with
 * them. PAD is 0 on both sides so that zero-filled arrays are padding; it is only ever an input
 * (masked) and a label at masked positions, never a prediction target.
 *
 * <p>Sizes: {@link #sourceSize()} = characters + 1, {@link #targetSize()} = characters + 3: the
 * depth of the source embedding (or one-hot input), and of the target embedding and softmax.
 */
public record Seq2SeqVocabulary(Vocabulary source, Vocabulary target) {

    public static final int PAD = 0;
    public static final int START = 1;
    public static final int END = 2;
    /** Id of the first source character. */
    public static final int SOURCE_OFFSET = 1;
    /** Id of the first target character. */
    public static final int TARGET_OFFSET = 3;

    public Seq2SeqVocabulary {
        Objects.requireNonNull(source, "source vocabulary");
        Objects.requireNonNull(target, "target vocabulary");
    }

    /**
     * The characters of every source and every target in {@code pairs}. Build it from all the pairs
     * a model will see, training and validation, so that validation never meets an unknown
     * character. Each side needs at least 2 distinct characters (a {@link Vocabulary} rule).
     */
    public static Seq2SeqVocabulary of(Collection<Pair> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("cannot build a vocabulary from 0 pairs");
        }
        var sources = new StringBuilder();
        var targets = new StringBuilder();
        for (Pair p : pairs) {
            sources.append(p.source());
            targets.append(p.target());
        }
        return new Seq2SeqVocabulary(side("source", sources), side("target", targets));
    }

    private static Vocabulary side(String name, CharSequence text) {
        try {
            return Vocabulary.of(text);
        } catch (IllegalArgumentException e) {
            throw new CorpusException("the " + name + " sentences are too uniform for a vocabulary: "
                    + e.getMessage() + " (use more or more varied pairs)", e);
        }
    }

    public int padId() {
        return PAD;
    }

    public int startId() {
        return START;
    }

    public int endId() {
        return END;
    }

    /** Source ids in use: PAD plus the source characters. */
    public int sourceSize() {
        return source.size() + SOURCE_OFFSET;
    }

    /** Target ids in use: PAD, START, END plus the target characters; the softmax width. */
    public int targetSize() {
        return target.size() + TARGET_OFFSET;
    }

    /**
     * Source ids of {@code text}, no markers. Characters outside the source vocabulary are an
     * {@link UnknownCharactersException} listing every one of them (a model cannot translate
     * characters it never saw), unless {@code skipUnknown}, in which case they are dropped.
     */
    public int[] encodeSource(CharSequence text, boolean skipUnknown) {
        return encode("source", source, SOURCE_OFFSET, text, skipUnknown);
    }

    /** {@link #encodeSource(CharSequence, boolean)} with unknown characters an error. */
    public int[] encodeSource(CharSequence text) {
        return encodeSource(text, false);
    }

    /** Target ids of {@code text}, without START or END; unknown characters are an error. */
    public int[] encodeTarget(CharSequence text) {
        return encode("target", target, TARGET_OFFSET, text, false);
    }

    /** Both sides of a pair; unknown characters on either side are an error. */
    public EncodedPair encode(Pair pair) {
        return new EncodedPair(encodeSource(pair.source()), encodeTarget(pair.target()));
    }

    public List<EncodedPair> encodeAll(Collection<Pair> pairs) {
        return pairs.stream().map(this::encode).collect(Collectors.toList());
    }

    private static int[] encode(String side, Vocabulary vocab, int offset, CharSequence text, boolean skipUnknown) {
        int[] ids;
        try {
            ids = vocab.encode(text, skipUnknown);
        } catch (Vocabulary.UnknownCharactersException e) {
            throw new UnknownCharactersException(side, e.unknown());
        }
        for (int i = 0; i < ids.length; i++) {
            ids[i] += offset;
        }
        return ids;
    }

    /** The source text of {@code ids}; PAD ids are dropped, anything else out of range is an error. */
    public String decodeSource(int[] ids) {
        var sb = new StringBuilder(ids.length);
        for (int id : ids) {
            if (id == PAD) {
                continue;
            }
            checkRange("source", id, sourceSize());
            sb.append(source.symbol(id - SOURCE_OFFSET));
        }
        return sb.toString();
    }

    /**
     * The target text of {@code ids}, as a decoder's output is read: characters up to the first
     * END (exclusive; without an END, all of them). PAD and START ids are dropped: a trained model
     * is never taught to emit them, but an untrained one can. Ids outside {@code [0, targetSize())}
     * are an error.
     */
    public String decodeTarget(int[] ids) {
        var sb = new StringBuilder(ids.length);
        for (int id : ids) {
            if (id == END) {
                break;
            }
            if (id == PAD || id == START) {
                continue;
            }
            checkRange("target", id, targetSize());
            sb.append(target.symbol(id - TARGET_OFFSET));
        }
        return sb.toString();
    }

    private static void checkRange(String side, int id, int size) {
        if (id < 0 || id >= size) {
            throw new IllegalArgumentException(side + " id " + id + " is outside the " + side + " vocabulary [0, "
                    + size + "): the ids come from a different vocabulary than this model's");
        }
    }

    /** Renders a target id for logs: the character, or {@code <PAD>}, {@code <START>}, {@code <END>}. */
    public String describeTargetId(int id) {
        return switch (id) {
            case PAD -> "<PAD>";
            case START -> "<START>";
            case END -> "<END>";
            default -> {
                checkRange("target", id, targetSize());
                yield Vocabulary.quote(target.symbol(id - TARGET_OFFSET));
            }
        };
    }

    /** Code point -> id, for hot loops (ids already shifted past the reserved ones). */
    public Map<Integer, Integer> sourceIndex() {
        return shifted(source, SOURCE_OFFSET);
    }

    public Map<Integer, Integer> targetIndex() {
        return shifted(target, TARGET_OFFSET);
    }

    private static Map<Integer, Integer> shifted(Vocabulary vocab, int offset) {
        var index = vocab.index();
        index.replaceAll((cp, id) -> id + offset);
        return index;
    }

    /**
     * One pair as ids: {@code source} without markers, {@code target} without START and END (the
     * batches add them). Both are copied.
     */
    public record EncodedPair(int[] source, int[] target) {

        public EncodedPair {
            source = source.clone();
            target = target.clone();
            if (source.length == 0) {
                throw new IllegalArgumentException("a source needs at least one character: the encoder has "
                        + "nothing to read otherwise");
            }
        }

        @Override
        public int[] source() {
            return source.clone();
        }

        @Override
        public int[] target() {
            return target.clone();
        }

        public int sourceLength() {
            return source.length;
        }

        /** Target characters; the decoder runs for {@code targetLength() + 1} steps (START.. / ..END). */
        public int targetLength() {
            return target.length;
        }

        int source(int t) {
            return source[t];
        }

        int target(int t) {
            return target[t];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EncodedPair p && Arrays.equals(source, p.source) && Arrays.equals(target, p.target);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(source) + Arrays.hashCode(target);
        }

        @Override
        public String toString() {
            return "EncodedPair[source=" + Arrays.toString(source) + ", target=" + Arrays.toString(target) + "]";
        }
    }

    /**
     * Text holds characters outside one side's vocabulary; lists every one of them. For the source
     * side this is what {@code translate} reports for input the model cannot read.
     */
    public static final class UnknownCharactersException extends IllegalArgumentException {
        private final String side;
        private final List<String> unknown;

        UnknownCharactersException(String side, List<String> unknown) {
            super(unknown.size() + " character(s) are not in the model's " + side + " vocabulary: "
                    + Vocabulary.describe(unknown) + " (the model was trained without them: remove or replace "
                    + "them in the " + ("source".equals(side) ? "input" : "reference") + " text)");
            this.side = side;
            this.unknown = List.copyOf(unknown);
        }

        /** {@code "source"} or {@code "target"}. */
        public String side() {
            return side;
        }

        public List<String> unknown() {
            return unknown;
        }
    }
}
