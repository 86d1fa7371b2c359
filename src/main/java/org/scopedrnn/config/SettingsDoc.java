package org.scopedrnn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The table of settings as people read it: the README's configuration tables (printed by
 * {@code describe --settings=markdown}, and a test checks the README holds them) and the listing of
 * {@code describe --settings}.
 */
public final class SettingsDoc {

    private SettingsDoc() {
    }

    /**
     * The README's table for {@code kind}: every char-LSTM key; for seq2seq, the keys that are its
     * own or whose default differs, then a line naming the keys it shares with the char-LSTM.
     */
    public static String markdown(ModelKind kind) {
        var out = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        var shared = new ArrayList<String>();
        for (Setting<?> s : Settings.of(kind)) {
            if (kind == ModelKind.CHAR_LSTM || !s.appliesTo(ModelKind.CHAR_LSTM)
                    || !Objects.equals(s.defaultFor(kind), s.defaultFor(ModelKind.CHAR_LSTM))) {
                out.append("| `").append(s.name()).append("` | ").append(cell(shown(s.defaultFor(kind))))
                        .append(" | ").append(cell(s.doc())).append(" |\n");
            } else {
                shared.add("`" + s.name() + "`");
            }
        }
        if (!shared.isEmpty()) {
            out.append("\n").append(Setting.listed(shared, "and")).append(shared.size() == 1 ? " is" : " are")
                    .append(" as for the char-LSTM, with the same default").append(shared.size() == 1 ? "" : "s")
                    .append(".\n");
        }
        return out.toString();
    }

    /**
     * One line per setting of {@code kind}: {@code key = value} as HOCON (so the listing is itself
     * a config file), then after {@code #} the default where the value differs, whether a resumed
     * run may change it, and what it does.
     */
    public static String listing(Config resolved, ModelKind kind) {
        var lines = new ArrayList<String[]>();
        Config defaults = ConfigLoader.table(kind);
        for (Setting<?> s : Settings.of(kind)) {
            String value = resolved.hasPathOrNull(s.name()) ? resolved.getValue(s.name())
                    .render(ConfigRenderOptions.concise()) : "null";
            String fallback = defaults.getValue(s.name()).render(ConfigRenderOptions.concise());
            String note = (value.equals(fallback) ? "" : "default " + fallback + "; ")
                    + (s.mayChangeOnResume() ? "may change on resume" : "kept on resume") + "; " + s.doc();
            lines.add(new String[] {s.name() + " = " + value, note});
        }
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        var out = new StringBuilder();
        for (String[] l : lines) {
            out.append(String.format("%-" + width + "s  # %s%n", l[0], l[1]));
        }
        return out.toString();
    }

    /** A default as the README shows it: text as is, unless spaces at its ends need quotes. */
    static String shown(Object value) {
        if (value instanceof String s) {
            return s.equals(s.strip()) && !s.isEmpty() ? s : "\"" + s + "\"";
        }
        if (value instanceof Map<?, ?> m && m.isEmpty()) {
            return "{}";
        }
        return String.valueOf(value);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The keys of {@code kind}, for messages and tests. */
    public static List<String> keys(ModelKind kind) {
        return Settings.of(kind).stream().map(Setting::name).toList();
    }
}
