package org.scopedrnn.cli;

/** A command line that cannot run as given (exit code 2), e.g. a run dir that already holds checkpoints. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
