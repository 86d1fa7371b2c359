package org.scopedrnn.data;

/** A corpus that cannot be used: missing, empty, not UTF-8, or too short for one sequence. */
public class CorpusException extends IllegalArgumentException {
    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
