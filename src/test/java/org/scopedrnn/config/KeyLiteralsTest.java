package org.scopedrnn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing in {@code src/main} outside {@code config} spells a config key in a string literal:
 * readers use {@link Setting#read}, messages concatenate the {@link Setting} (its toString is the
 * name), {@code --set} arguments come from {@link Setting#assignment}.
 */
class KeyLiteralsTest {

    private static final Path MAIN = Path.of("src/main/java/org/scopedrnn");

    /** Files that may spell keys anyway: none (an entry for a file that spells no key fails this test). */
    private static final Map<String, String> ALLOWED = Map.of();

    @Test
    void noSourceOutsideConfigSpellsAKey() throws IOException {
        Map<String, List<String>> found = spelledKeys();
        var offenders = new TreeMap<String, List<String>>(found);
        offenders.keySet().removeAll(ALLOWED.keySet());
        assertEquals(Map.of(), offenders, "use the Setting from org.scopedrnn.config.Settings instead of its name");
        var stale = new TreeSet<>(ALLOWED.keySet());
        stale.removeAll(found.keySet());
        assertEquals(new TreeSet<String>(), stale, "these no longer spell a key: take them off ALLOWED");
    }

    @Test
    void theScanFindsKeysInLiteralsButNotInCommentsOrLongerNames() {
        String source = "// train.batch-size in a comment\n/* model.hidden */ String a = \"lower train.batch-size\";\n"
                + "String b = \"model.hidden-units\"; String c = \"x \\\" model.layers\"; char q = '\"';\n"
                + "String d = \"\"\"\n   data.input\n   \"\"\";";
        assertEquals(List.of("train.batch-size", "model.layers", "data.input"), keysIn(source));
    }

    @Test
    void everyKeyIsFoundByTheScan() {
        for (Setting<?> s : Settings.all()) {
            assertEquals(List.of(s.name()), keysIn("String x = \"" + s.name() + " must be\";"), s.name());
        }
        assertTrue(Settings.all().size() > 40, "read the whole table");
    }

    /** Relative path -> the keys its string literals spell, for every file outside config. */
    private static Map<String, List<String>> spelledKeys() throws IOException {
        var out = new TreeMap<String, List<String>>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = MAIN.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith("config/")) {
                    continue;
                }
                List<String> keys = keysIn(Files.readString(file));
                if (!keys.isEmpty()) {
                    out.put(relative, keys);
                }
            }
        }
        assertTrue(out.size() < 100 && Files.isDirectory(MAIN.resolve("config")), "scanned " + MAIN);
        return out;
    }

    private static List<String> keysIn(String source) {
        Pattern key = Pattern.compile("(?<![\\w.-])(" + Settings.all().stream().map(s -> Pattern.quote(s.name()))
                .collect(Collectors.joining("|")) + ")(?![\\w-])");
        var keys = new ArrayList<String>();
        for (String literal : literals(source)) {
            Matcher m = key.matcher(literal);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /** The contents of string literals and text blocks, skipping comments and char literals. */
    static List<String> literals(String s) {
        var out = new ArrayList<String>();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                i = end(s.indexOf('\n', i), s);
            } else if (s.startsWith("/*", i)) {
                i = end(s.indexOf("*/", i + 2), s) + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                int close = end(s.indexOf("\"\"\"", i + 3), s);
                out.add(s.substring(i + 3, close));
                i = close + 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i);
                var text = new StringBuilder();
                i++;
                while (i < s.length() && s.charAt(i) != quote) {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    text.append(s.charAt(i++));
                }
                if (quote == '"') {
                    out.add(text.toString());
                }
                i++;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int end(int index, String s) {
        return index < 0 ? s.length() : index;
    }
}
