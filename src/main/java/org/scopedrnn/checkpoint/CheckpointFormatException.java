package org.scopedrnn.checkpoint;

import java.io.IOException;

/**
 * A file or directory that is not a readable checkpoint: not one at all, corrupt, truncated,
 * or written in a format version this build does not read. The message names the file and,
 * where one is to blame, the variable.
 */
public class CheckpointFormatException extends IOException {

    public CheckpointFormatException(String message) {
        super(message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
