package org.scopedrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The shape of {@code src/main}, checked so it cannot rot: every package says in its
 * {@code package-info.java} which of our packages it may import, and its imports obey that; the
 * package graph has no cycle; an {@code internal} package is imported only by its parent; no class
 * is over {@value #MAX_CLASS_LINES} lines and no method over {@value #MAX_METHOD_LINES}.
 */
class ArchitectureTest {

    static final int MAX_CLASS_LINES = 400;
    static final int MAX_METHOD_LINES = 60;

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final String ROOT = "org.scopedrnn";
    private static final Pattern IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?(org\\.scopedrnn(?:\\.[a-z][a-z0-9_]*)+)\\.([A-Z]\\w*)", Pattern.MULTILINE);
    /** A qualified reference in code, e.g. {@code org.scopedrnn.model.CharLstmModel.create(...)}. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(org\\.scopedrnn(?:\\.[a-z][a-z0-9_]*)+)\\.([A-Z]\\w*)");
    private static final Pattern MAY_IMPORT = Pattern.compile("May import \\(of ours\\):(.*?)\\.\\s*(?:\\n|\\*/|<p>)",
            Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\\{@code\\s+([a-z][a-z0-9_.]*)\\s*}");

    /**
     * Methods over the limit that are allowed anyway: none. An entry that is no longer over the
     * limit fails the test, so the list only shrinks.
     */
    private static final Map<String, String> LONG_METHODS_ALLOWED = Map.of();

    /** Classes over the limit that are allowed anyway: none; same rules as above. */
    private static final Map<String, String> LONG_CLASSES_ALLOWED = Map.of();

    // ---- package rules ----

    @Test
    void everyPackageDeclaresWhatItMayImportAndItsImportsObey() throws IOException {
        Map<String, Set<String>> allowed = allowedImports();
        var violations = new ArrayList<String>();
        for (Map.Entry<String, Map<String, Set<String>>> e : importsByFile().entrySet()) {
            String file = e.getKey();
            String pkg = packageOf(file);
            for (Map.Entry<String, Set<String>> dep : e.getValue().entrySet()) {
                String target = dep.getKey();
                if (!mayImport(pkg, target, allowed.get(pkg))) {
                    violations.add(file + " uses " + target + " (" + dep.getValue() + "), but package " + pkg
                            + " may import only " + allowed.get(pkg) + " (its package-info.java)");
                }
            }
        }
        assertTrue(violations.isEmpty(), () -> violations.size() + " import(s) break a package rule:\n  "
                + String.join("\n  ", violations));
    }

    @Test
    void internalPackagesAreImportedOnlyByTheirParent() throws IOException {
        var violations = new ArrayList<String>();
        for (Map.Entry<String, Map<String, Set<String>>> e : importsByFile().entrySet()) {
            String pkg = packageOf(e.getKey());
            for (String target : e.getValue().keySet()) {
                if (target.endsWith(".internal") && !unit(pkg).equals(unit(target))) {
                    violations.add(e.getKey() + " imports " + target + ": only " + unit(target) + " may");
                }
            }
        }
        assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    }

    @Test
    void thePackageGraphHasNoCycle() throws IOException {
        // a package and its internal package are one unit: they may use each other
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Map.Entry<String, Map<String, Set<String>>> e : importsByFile().entrySet()) {
            String from = unit(packageOf(e.getKey()));
            for (String target : e.getValue().keySet()) {
                if (!unit(target).equals(from)) {
                    graph.computeIfAbsent(from, k -> new TreeSet<>()).add(unit(target));
                }
            }
        }
        List<String> cycle = findCycle(graph);
        assertTrue(cycle.isEmpty(), () -> "package import cycle: " + String.join(" -> ", cycle));
    }

    @Test
    void noTwoClassesImportEachOther() throws IOException {
        Map<String, Set<String>> classImports = new TreeMap<>();
        Pattern imported = Pattern.compile("^import\\s+(org\\.scopedrnn[\\w.]*\\.[A-Z]\\w*);", Pattern.MULTILINE);
        for (Path file : mainSources()) {
            String fqn = className(file);
            Matcher m = imported.matcher(read(file));
            while (m.find()) {
                classImports.computeIfAbsent(fqn, k -> new TreeSet<>()).add(m.group(1));
            }
        }
        var circles = new TreeSet<String>();
        classImports.forEach((a, targets) -> targets.forEach(b -> {
            if (classImports.getOrDefault(b, Set.of()).contains(a)) {
                circles.add(a.compareTo(b) < 0 ? a + " <-> " + b : b + " <-> " + a);
            }
        }));
        assertTrue(circles.isEmpty(), () -> "classes that import each other: " + circles);
    }

    @Test
    void theRuleReaderUnderstandsThePackageInfoSentence() {
        String doc = "/**\n * Holds things.\n *\n * <p>May import (of ours): {@code checkpoint}, {@code scope}.\n */";
        assertEquals(Set.of(ROOT + ".checkpoint", ROOT + ".scope"), parseRule(doc));
        assertEquals(Set.of(), parseRule("/** x\n * <p>May import (of ours): nothing.\n */"));
    }

    // ---- sizes ----

    @Test
    void noClassIsOverFourHundredLines() throws IOException {
        var over = new TreeMap<String, Integer>();
        for (Path file : mainSources()) {
            int lines = read(file).split("\n", -1).length - 1;
            if (lines > MAX_CLASS_LINES) {
                over.put(relative(file), lines);
            }
        }
        assertWithinLimits("file(s) over " + MAX_CLASS_LINES + " lines", over, LONG_CLASSES_ALLOWED);
    }

    @Test
    void noMethodIsOverSixtyLines() throws IOException {
        assertWithinLimits("method(s) over " + MAX_METHOD_LINES + " lines", methodsOverLimit(), LONG_METHODS_ALLOWED);
    }

    private static void assertWithinLimits(String what, Map<String, Integer> over, Map<String, String> allowed) {
        var unexpected = new TreeMap<>(over);
        unexpected.keySet().removeAll(allowed.keySet());
        var stale = new TreeSet<>(allowed.keySet());
        stale.removeAll(over.keySet());
        assertTrue(unexpected.isEmpty(), () -> what + ": " + unexpected + " (split them)");
        assertTrue(stale.isEmpty(), () -> "allow-list entries no longer over the limit, remove them: " + stale);
    }

    private static Map<String, Integer> methodsOverLimit() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var over = new TreeMap<String, Integer>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(mainSources());
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null, units);
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                String file = relative(Path.of(unit.getSourceFile().toUri()));
                LineMap lines = unit.getLineMap();
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        long first = lines.getLineNumber(positions.getStartPosition(unit, method));
                        long last = lines.getLineNumber(positions.getEndPosition(unit, method));
                        int length = (int) (last - first + 1);
                        if (length > MAX_METHOD_LINES) {
                            over.merge(file + "#" + method.getName(), length, Math::max);
                        }
                        return super.visitMethod(method, unused);
                    }
                }.scan(unit, null);
            }
        }
        return over;
    }

    // ---- reading the sources ----

    /** Every file's uses of our other packages: target package -> the classes used there. */
    private static Map<String, Map<String, Set<String>>> importsByFile() throws IOException {
        var out = new TreeMap<String, Map<String, Set<String>>>();
        for (Path file : mainSources()) {
            String pkg = packageOf(relative(file));
            String code = withoutComments(read(file));
            var uses = new TreeMap<String, Set<String>>();
            for (Pattern p : List.of(IMPORT, QUALIFIED)) {
                Matcher m = p.matcher(code);
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.equals(pkg)) {
                        uses.computeIfAbsent(target, k -> new TreeSet<>()).add(m.group(2));
                    }
                }
            }
            out.put(relative(file), uses);
        }
        return out;
    }

    /** Each package -> the packages of ours its package-info.java says it may import. */
    private static Map<String, Set<String>> allowedImports() throws IOException {
        var out = new TreeMap<String, Set<String>>();
        var missing = new ArrayList<String>();
        Set<String> packages = new TreeSet<>();
        for (Path file : mainSources()) {
            packages.add(packageOf(relative(file)));
        }
        for (String pkg : packages) {
            Path info = MAIN.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            Set<String> rule = Files.exists(info) ? parseRule(read(info)) : null;
            if (rule == null) {
                missing.add(pkg + (Files.exists(info) ? " (package-info.java has no 'May import (of ours): ...' "
                        + "sentence)" : " (no package-info.java)"));
            } else {
                rule.forEach(target -> {
                    if (!packages.contains(target)) {
                        missing.add(pkg + " allows " + target + ", which is not a package of src/main");
                    }
                });
                out.put(pkg, rule);
            }
        }
        assertTrue(missing.isEmpty(), () -> "every package states what it may import, as '<p>May import (of ours): "
                + "{@code checkpoint}, {@code scope}.' or '... nothing.': " + missing);
        return out;
    }

    /** The packages named in the "May import (of ours):" sentence, or null if there is none. */
    static Set<String> parseRule(String packageInfo) {
        Matcher m = MAY_IMPORT.matcher(packageInfo.replaceAll("\\n\\s*\\*\\s?", "\n"));
        if (!m.find()) {
            return null;
        }
        var out = new TreeSet<String>();
        Matcher c = CODE.matcher(m.group(1));
        while (c.find()) {
            out.add(c.group(1).startsWith(ROOT) ? c.group(1) : ROOT + "." + c.group(1));
        }
        return out;
    }

    private static boolean mayImport(String pkg, String target, Set<String> allowed) {
        return unit(pkg).equals(unit(target)) || allowed.contains(target);
    }

    /** A package without its {@code .internal} suffix. */
    private static String unit(String pkg) {
        return pkg.endsWith(".internal") ? pkg.substring(0, pkg.length() - ".internal".length()) : pkg;
    }

    private static List<String> findCycle(Map<String, Set<String>> graph) {
        var state = new TreeMap<String, Integer>();
        var path = new ArrayList<String>();
        for (String start : graph.keySet()) {
            List<String> cycle = visit(start, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null) {
            var cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = visit(next, graph, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted()
                    .toList();
        }
    }

    private static String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return MAIN.toAbsolutePath().normalize().relativize(abs).toString().replace('\\', '/');
    }

    private static String packageOf(String relativeFile) {
        return relativeFile.substring(0, relativeFile.lastIndexOf('/')).replace('/', '.');
    }

    private static String className(Path file) {
        String rel = relative(file);
        return rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The code without comments and string literals, so a {@code {@link ...}} is not a dependency. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    }
}
