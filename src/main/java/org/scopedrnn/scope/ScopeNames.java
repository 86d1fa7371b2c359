package org.scopedrnn.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one place that builds and takes apart scope-qualified names ({@code a/b/c}).
 *
 * <p>Names are a checkpoint's keys, so every module must agree on them exactly; hand-joined
 * strings drift ({@code "a/" + ""} gives {@code a/}), hence no other code concatenates them.
 * A qualified name is a non-empty sequence of components joined by {@code '/'}; the root
 * scope's name is the empty string. Components follow TensorFlow's rules for scope names:
 * {@code [A-Za-z0-9.][A-Za-z0-9_.-]*}.
 */
public final class ScopeNames {

    private static final char SEPARATOR = '/';

    private ScopeNames() {
    }

    /**
     * Qualifies {@code name} with {@code scope}: {@code qualify("", "x")} is {@code x},
     * {@code qualify("a/b", "c")} is {@code a/b/c}.
     *
     * @param scope a qualified scope name, {@code ""} for the root
     * @param name a non-empty name, which may itself contain {@code '/'} (nested, like TF)
     * @throws IllegalArgumentException if either argument is not a valid (scope) name
     */
    public static String qualify(String scope, String name) {
        checkPath(scope, true);
        checkPath(name, false);
        return scope.isEmpty() ? name : scope + SEPARATOR + name;
    }

    /**
     * Joins several parts: all but the last are scope parts and may be empty (then skipped),
     * the last is the name and must not be empty. {@code qualify("", "a", "", "b")} is
     * {@code a/b}; with a single argument, that argument is the name.
     *
     * @throws IllegalArgumentException if a part is not a valid (scope) name
     */
    public static String qualify(String first, String... more) {
        Objects.requireNonNull(more, "more");
        if (more.length == 0) {
            return checkPath(first, false);
        }
        String scope = checkPath(first, true);
        for (int i = 0; i < more.length - 1; i++) {
            String part = checkPath(more[i], true);
            if (!part.isEmpty()) {
                scope = scope.isEmpty() ? part : scope + SEPARATOR + part;
            }
        }
        return qualify(scope, more[more.length - 1]);
    }

    /**
     * Validates one name component: non-empty, no {@code '/'}, only {@code [A-Za-z0-9_.-]},
     * starting with a letter, digit or {@code '.'}.
     *
     * @return the component, unchanged
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static String checkComponent(String component) {
        String problem = problemWith(component);
        if (problem != null) {
            throw new IllegalArgumentException(
                    "Invalid name component " + quote(component) + ": " + problem);
        }
        return component;
    }

    /**
     * Splits a qualified name into its components; the inverse of {@link #qualify}.
     * {@code split("")} (the root) is empty.
     *
     * @return an unmodifiable list of components
     * @throws IllegalArgumentException if the name is not a valid qualified name
     */
    public static List<String> split(String qualifiedName) {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        if (qualifiedName.isEmpty()) {
            return List.of();
        }
        List<String> components = new ArrayList<>();
        int start = 0;
        for (int slash = qualifiedName.indexOf(SEPARATOR); slash >= 0;
                slash = qualifiedName.indexOf(SEPARATOR, start)) {
            components.add(qualifiedName.substring(start, slash));
            start = slash + 1;
        }
        components.add(qualifiedName.substring(start));
        for (String component : components) {
            checkComponentOf(component, qualifiedName);
        }
        return List.copyOf(components);
    }

    /**
     * The enclosing scope of a qualified name: {@code parent("a/b/c")} is {@code a/b},
     * {@code parent("a")} is {@code ""} (top level).
     *
     * @throws IllegalArgumentException for the root {@code ""}, which has no parent, or an
     *     invalid name
     */
    public static String parent(String qualifiedName) {
        checkNotRoot(qualifiedName, "parent");
        int slash = qualifiedName.lastIndexOf(SEPARATOR);
        return slash < 0 ? "" : qualifiedName.substring(0, slash);
    }

    /**
     * The last component of a qualified name: {@code leaf("a/b/c")} is {@code c}.
     *
     * @throws IllegalArgumentException for the root {@code ""}, which has no leaf, or an
     *     invalid name
     */
    public static String leaf(String qualifiedName) {
        checkNotRoot(qualifiedName, "leaf");
        return qualifiedName.substring(qualifiedName.lastIndexOf(SEPARATOR) + 1);
    }

    private static void checkNotRoot(String qualifiedName, String what) {
        if (split(qualifiedName).isEmpty()) {
            throw new IllegalArgumentException("The root scope \"\" has no " + what);
        }
    }

    /** Validates a name that may span several components; empty only if {@code mayBeEmpty}. */
    private static String checkPath(String path, boolean mayBeEmpty) {
        Objects.requireNonNull(path, "name");
        if (path.isEmpty() && !mayBeEmpty) {
            throw new IllegalArgumentException("Invalid name \"\": a name must not be empty");
        }
        split(path);
        return path;
    }

    private static void checkComponentOf(String component, String whole) {
        String problem = problemWith(component);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid name " + quote(whole) + ": component "
                    + quote(component) + " " + problem);
        }
    }

    /** Why {@code component} is not a legal component, or null if it is. */
    private static String problemWith(String component) {
        if (component == null) {
            return "is null";
        }
        if (component.isEmpty()) {
            return "is empty (leading, trailing or doubled '/'?)";
        }
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == SEPARATOR) {
                return "contains '/', which separates scopes";
            }
            if (!isLegal(c, i == 0)) {
                return "has illegal character '" + c + "' at index " + i
                        + "; TensorFlow names match [A-Za-z0-9.][A-Za-z0-9_.-]*";
            }
        }
        return null;
    }

    private static boolean isLegal(char c, boolean first) {
        boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        return alnum || c == '.' || (!first && (c == '_' || c == '-'));
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }
}
