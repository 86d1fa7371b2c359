package org.scopedrnn.data.internal;

import org.scopedrnn.data.Pair;
import org.scopedrnn.data.Vocabulary;

/**
 * One line of a pairs file: {@code SOURCE<TAB>TARGET}, further tab-separated columns ignored. The
 * rules of {@code PairCorpus} for a non-blank line, shared by the driver-side reader and the
 * executors' segments so that both accept and refuse the same lines with the same words.
 */
public final class PairLines {

    /** Lines longer than this are shown cut in error messages. */
    public static final int SHOWN_LINE_CHARS = 120;

    private PairLines() {
    }

    /**
     * What is wrong with a non-blank line, worded to follow "pair corpus FILE line N " (the caller
     * knows the file and the line's number); null for a good line.
     */
    public static String problem(String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            return "has no tab: " + show(line) + " (each line must be SOURCE<TAB>TARGET; further tab-separated "
                    + "columns are ignored)";
        }
        int next = line.indexOf('\t', tab + 1);
        boolean emptySource = tab == 0;
        boolean emptyTarget = next == tab + 1 || (next < 0 && tab + 1 == line.length());
        if (emptySource || emptyTarget) {
            return "has an empty " + (emptySource ? "source (first column)" : "target (second column)") + ": "
                    + show(line) + " (remove the line or fill in the missing side)";
        }
        return null;
    }

    /** The pair of a line {@link #problem} accepts, columns swapped if {@code reverse}. */
    public static Pair pair(String line, boolean reverse) {
        int tab = line.indexOf('\t');
        int next = line.indexOf('\t', tab + 1);
        var pair = new Pair(line.substring(0, tab), line.substring(tab + 1, next < 0 ? line.length() : next));
        return reverse ? pair.reversed() : pair;
    }

    /** The line quoted with its whitespace visible, cut after {@link #SHOWN_LINE_CHARS} characters. */
    public static String show(String line) {
        if (line.length() <= SHOWN_LINE_CHARS) {
            return Vocabulary.quote(line);
        }
        int cut = line.offsetByCodePoints(0, Math.min(SHOWN_LINE_CHARS, line.codePointCount(0, line.length())));
        return Vocabulary.quote(line.substring(0, cut)) + "... (" + line.length() + " chars)";
    }
}
