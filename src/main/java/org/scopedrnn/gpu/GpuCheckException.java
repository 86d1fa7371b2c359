package org.scopedrnn.gpu;

/** A GPU this build cannot run, or no way to tell: the message names the GPU and what to do. */
public final class GpuCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GpuCheckException(String message) {
        super(message);
    }
}
