package org.scopedrnn.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Suggestions for a mistyped or wrongly scoped variable name (also used for mistyped config keys). */
public final class CloseNames {

    private static final int MAX_SUGGESTIONS = 5;

    private CloseNames() {
    }

    /**
     * Candidates within a small edit distance of {@code wanted}, or that end with it as whole
     * components (the usual mistake: forgetting the enclosing scope), closest first.
     */
    public static List<String> among(String wanted, Collection<String> candidates) {
        int threshold = Math.max(3, wanted.length() / 3);
        List<String> close = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate.endsWith("/" + wanted) || distance(wanted, candidate) <= threshold) {
                close.add(candidate);
            }
        }
        close.sort(Comparator.comparingInt((String c) -> distance(wanted, c))
                .thenComparing(Comparator.naturalOrder()));
        return close.size() > MAX_SUGGESTIONS ? close.subList(0, MAX_SUGGESTIONS) : close;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
