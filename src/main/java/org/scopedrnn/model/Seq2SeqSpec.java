package org.scopedrnn.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.scopedrnn.scope.Reuse;
import org.scopedrnn.scope.ScopeNames;

/**
 * The architecture of an LSTM encoder-decoder (the seed seq2seq program's model): what fixes its
 * variables' names and shapes. Training knobs live elsewhere, so the training model and the
 * decoding structure share one spec.
 *
 * <p>Scopes follow TensorFlow 1: an explicit scope name (configs default to {@value
 * #DEFAULT_ENCODER_SCOPE} / {@value #DEFAULT_DECODER_SCOPE}), or {@code null} for a unique default
 * ({@code rnn}, then {@code rnn_1}, like TF's {@code default_name}). Giving the decoder the
 * encoder's scope is the classic collision ("already exists"); with {@link Reuse#REUSE} or
 * {@link Reuse#AUTO_REUSE} it makes the decoder share the encoder's LSTM.
 *
 * @param sourceVocab source token ids are {@code 0 .. sourceVocab-1}
 * @param targetVocab target token ids (including the start and end symbols) are {@code 0 .. targetVocab-1}
 * @param embeddingSize width of both embeddings (the LSTMs' input depth)
 * @param hiddenSize units of each LSTM
 * @param encoderScope the encoder LSTM's variable scope, or null for a unique default ({@code rnn})
 * @param decoderScope the decoder LSTM's variable scope, or null for a unique default ({@code rnn_1})
 * @param decoderReuse reuse mode of the decoder's scope (sharing with the encoder needs REUSE/AUTO_REUSE)
 * @param sharedEmbedding one {@code embedding} for source and target; needs equal vocabularies
 */
public record Seq2SeqSpec(int sourceVocab, int targetVocab, int embeddingSize, int hiddenSize,
        String encoderScope, String decoderScope, Reuse decoderReuse, boolean sharedEmbedding) {

    /** Default explicit scopes used by configurations (the seed program's names). */
    public static final String DEFAULT_ENCODER_SCOPE = "encode_cell";
    public static final String DEFAULT_DECODER_SCOPE = "decode_cell";
    /** TF's unique default name for an RNN's scope when none is given. */
    public static final String UNIQUE_DEFAULT_SCOPE = "rnn";
    /** TensorFlow's BasicLSTMCell forget bias: added to the forget gate at run time, never stored. */
    public static final double FORGET_BIAS = 1.0;

    public Seq2SeqSpec {
        requireAtLeast("sourceVocab", sourceVocab, 1);
        requireAtLeast("targetVocab", targetVocab, 2);
        requireAtLeast("embeddingSize", embeddingSize, 1);
        requireAtLeast("hiddenSize", hiddenSize, 1);
        checkScope("encoderScope", encoderScope);
        checkScope("decoderScope", decoderScope);
        if (decoderReuse == null) {
            throw new IllegalArgumentException("decoderReuse must be set: NONE, REUSE or AUTO_REUSE");
        }
        if (sharedEmbedding && sourceVocab != targetVocab) {
            throw new IllegalArgumentException("sharedEmbedding needs sourceVocab == targetVocab, got sourceVocab="
                    + sourceVocab + " and targetVocab=" + targetVocab);
        }
    }

    /** Explicit scopes {@code encode_cell} / {@code decode_cell}, no reuse, separate embeddings. */
    public static Seq2SeqSpec of(int sourceVocab, int targetVocab, int embeddingSize, int hiddenSize) {
        return new Seq2SeqSpec(sourceVocab, targetVocab, embeddingSize, hiddenSize, DEFAULT_ENCODER_SCOPE,
                DEFAULT_DECODER_SCOPE, Reuse.NONE, false);
    }

    public Seq2SeqSpec withScopes(String encoder, String decoder, Reuse reuse) {
        return new Seq2SeqSpec(sourceVocab, targetVocab, embeddingSize, hiddenSize, encoder, decoder, reuse,
                sharedEmbedding);
    }

    public Seq2SeqSpec withSharedEmbedding(boolean shared) {
        return new Seq2SeqSpec(sourceVocab, targetVocab, embeddingSize, hiddenSize, encoderScope, decoderScope,
                decoderReuse, shared);
    }

    public Seq2SeqSpec withVocabularies(int newSourceVocab, int newTargetVocab) {
        return new Seq2SeqSpec(newSourceVocab, newTargetVocab, embeddingSize, hiddenSize, encoderScope,
                decoderScope, decoderReuse, sharedEmbedding);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    private static void checkScope(String field, String scope) {
        if (scope == null) {
            return;
        }
        if (scope.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a scope name, or null for the unique default \""
                    + UNIQUE_DEFAULT_SCOPE + "\"; got \"\"");
        }
        try {
            ScopeNames.split(scope);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    /** JSON-friendly form stored in checkpoint metadata; null scopes are stored as null. */
    public Map<String, Object> toMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("sourceVocab", sourceVocab);
        m.put("targetVocab", targetVocab);
        m.put("embeddingSize", embeddingSize);
        m.put("hiddenSize", hiddenSize);
        m.put("encoderScope", encoderScope);
        m.put("decoderScope", decoderScope);
        m.put("decoderReuse", decoderReuse.name());
        m.put("sharedEmbedding", sharedEmbedding);
        return m;
    }

    /**
     * The inverse of {@link #toMap}. Numbers may be any {@link Number} (JSON readers give Long or
     * Double); missing or null scopes mean the unique default; {@code decoderReuse} (default NONE) is
     * a mode name in any case, or a boolean like TF's {@code reuse=True}; {@code sharedEmbedding}
     * defaults to false.
     */
    public static Seq2SeqSpec fromMap(Map<String, ?> m) {
        return new Seq2SeqSpec(intValue(m, "sourceVocab"), intValue(m, "targetVocab"),
                intValue(m, "embeddingSize"), intValue(m, "hiddenSize"),
                optionalString(m, "encoderScope"), optionalString(m, "decoderScope"),
                parseReuse(m.get("decoderReuse")), booleanValue(m, "sharedEmbedding"));
    }

    /** NONE / REUSE / AUTO_REUSE in any case ({@code auto-reuse} too); true = REUSE, false/null = NONE. */
    public static Reuse parseReuse(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return Reuse.NONE;
        }
        if (Boolean.TRUE.equals(value)) {
            return Reuse.REUSE;
        }
        if (value instanceof Reuse r) {
            return r;
        }
        String s = String.valueOf(value).trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (s) {
            case "NONE", "FALSE" -> {
                return Reuse.NONE;
            }
            case "REUSE", "TRUE" -> {
                return Reuse.REUSE;
            }
            case "AUTO_REUSE" -> {
                return Reuse.AUTO_REUSE;
            }
            default -> throw new IllegalArgumentException("decoderReuse must be NONE, REUSE or AUTO_REUSE, got '"
                    + value + "'");
        }
    }

    private static Object required(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("seq2seq spec lacks '" + key + "' (found keys " + m.keySet() + ")");
        }
        return v;
    }

    private static int intValue(Map<String, ?> m, String key) {
        Object v = required(m, key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("seq2seq spec '" + key + "' must be a number, got '" + v + "'");
        }
        double d = n.doubleValue();
        if (d != Math.rint(d) || d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("seq2seq spec '" + key + "' must be an integer, got " + v);
        }
        return n.intValue();
    }

    private static String optionalString(Map<String, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static boolean booleanValue(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("seq2seq spec '" + key + "' must be true or false, got '" + v + "'");
    }
}
