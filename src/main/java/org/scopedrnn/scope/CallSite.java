package org.scopedrnn.scope;

import java.util.Set;

/**
 * Finds where a variable is being declared, for "Originally defined at" messages;
 * package-private helper.
 */
final class CallSite {

    /**
     * This package's own classes. Frames are skipped by class rather than by package name so
     * that callers in the same package (tests) are still reported as the call site.
     */
    private static final Set<String> INTERNAL = Set.of(
            CallSite.class.getName(),
            VariableScope.class.getName(),
            VariableStore.class.getName(),
            Variable.class.getName(),
            ScopeNames.class.getName());

    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallSite() {
    }

    /** {@code File.java:42 (pkg.Class.method)} of the first frame outside this package. */
    static String ofCaller() {
        return WALKER.walk(frames -> frames
                .filter(f -> !INTERNAL.contains(f.getClassName()))
                .findFirst()
                .map(CallSite::describe)
                .orElse("<unknown call site>"));
    }

    private static String describe(StackWalker.StackFrame frame) {
        String file = frame.getFileName() == null ? "Unknown Source" : frame.getFileName();
        String line = frame.getLineNumber() < 0 ? "" : ":" + frame.getLineNumber();
        return file + line + " (" + frame.getClassName() + "." + frame.getMethodName() + ")";
    }
}
