package org.scopedrnn.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The characters a model knows, in id order. Ids are assigned by sorting code points, so the
 * same corpus always yields the same vocabulary (the seed program used set order, which changed
 * between runs and made a trained model unusable by a separate sampling run). Each entry is one
 * Unicode code point.
 */
public record Vocabulary(List<String> symbols) {

    private static final int MAX_QUOTED = 200;

    public Vocabulary {
        symbols = List.copyOf(symbols);
        if (symbols.size() < 2) {
            throw new IllegalArgumentException("a vocabulary needs at least 2 distinct characters, got "
                    + symbols.size() + ": " + describe(symbols));
        }
        checkEntries(symbols);
    }

    /**
     * The one check of a vocabulary's entries, for every source of one (a corpus, a checkpoint, an ml5 or
     * {@code --vocab} file): each exactly one code point, none twice.
     *
     * @throws IllegalArgumentException naming the first bad entry and what was expected
     */
    public static void checkEntries(List<String> symbols) {
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < symbols.size(); i++) {
            String s = symbols.get(i);
            if (s == null || s.codePointCount(0, s.length()) != 1) {
                throw new IllegalArgumentException("vocabulary entry " + i + " is " + (s == null ? "null"
                        : quote(cut(s))) + "; expected exactly one character (one code point)");
            }
            Integer previous = seen.put(s, i);
            if (previous != null) {
                throw new IllegalArgumentException("vocabulary character " + quote(s) + " appears twice (ids "
                        + previous + " and " + i + ")");
            }
        }
    }

    /** At most {@value #MAX_QUOTED} code points of {@code s}: an entry read from a file may be huge. */
    private static String cut(String s) {
        return s.codePointCount(0, s.length()) <= MAX_QUOTED ? s
                : s.substring(0, s.offsetByCodePoints(0, MAX_QUOTED)) + "...";
    }

    /** The sorted set of code points occurring in {@code text}. */
    public static Vocabulary of(CharSequence text) {
        var points = new TreeSet<Integer>();
        text.codePoints().forEach(points::add);
        var list = new ArrayList<String>(points.size());
        for (int cp : points) {
            list.add(new String(Character.toChars(cp)));
        }
        return new Vocabulary(list);
    }

    public int size() {
        return symbols.size();
    }

    public String symbol(int id) {
        return symbols.get(id);
    }

    /** Code point -> id lookup; build once per use site, not per character. */
    public Map<Integer, Integer> index() {
        var map = new HashMap<Integer, Integer>(symbols.size() * 2);
        for (int i = 0; i < symbols.size(); i++) {
            map.put(symbols.get(i).codePointAt(0), i);
        }
        return map;
    }

    /**
     * Ids of every character of {@code text}. Characters outside the vocabulary are an error that
     * lists all of them, unless {@code skipUnknown}, in which case they are dropped.
     */
    public int[] encode(CharSequence text, boolean skipUnknown) {
        var index = index();
        int[] points = text.codePoints().toArray();
        int[] ids = new int[points.length];
        int n = 0;
        var unknown = new TreeSet<Integer>();
        for (int cp : points) {
            Integer id = index.get(cp);
            if (id != null) {
                ids[n++] = id;
            } else {
                unknown.add(cp);
            }
        }
        if (!unknown.isEmpty() && !skipUnknown) {
            throw new UnknownCharactersException(unknown.stream()
                    .map(cp -> new String(Character.toChars(cp))).collect(Collectors.toList()));
        }
        return n == ids.length ? ids : java.util.Arrays.copyOf(ids, n);
    }

    public String decode(int[] ids) {
        var sb = new StringBuilder(ids.length);
        for (int id : ids) {
            sb.append(symbol(id));
        }
        return sb.toString();
    }

    /** Renders characters so that whitespace and control characters are visible in messages. */
    public static String describe(List<String> chars) {
        return chars.stream().map(Vocabulary::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A character (or string) in single quotes, whitespace and control characters made visible: the quote of messages. */
    public static String quote(String s) {
        var sb = new StringBuilder("'");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\'' -> sb.append("\\'");
                default -> {
                    if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('\'').toString();
    }

    /** Thrown when text holds characters the vocabulary lacks; lists every one of them. */
    public static final class UnknownCharactersException extends IllegalArgumentException {
        private final List<String> unknown;

        UnknownCharactersException(List<String> unknown) {
            // no fix here: each command knows its own (evaluate can skip them, sample cannot)
            super(unknown.size() + " character(s) are not in the model's vocabulary: " + describe(unknown));
            this.unknown = Collections.unmodifiableList(unknown);
        }

        public List<String> unknown() {
            return unknown;
        }
    }
}
