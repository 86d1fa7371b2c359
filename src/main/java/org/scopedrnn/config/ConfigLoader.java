package org.scopedrnn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.scopedrnn.scope.CloseNames;

/**
 * Resolves a job's configuration: the defaults of {@link Settings} for the model kind, under the
 * bundled preset ({@code conf/<model>.conf} on the class path, which repeats them and adds
 * per-task presets), then {@code --config FILE}, then each {@code --set key=value}. Every key must be
 * declared in {@link Settings} for that kind (except free-form Spark properties under
 * {@code spark.conf}, and the preset's own sections), so a typo is an error naming it and the
 * keys it is close to, instead of a silently ignored setting.
 */
public final class ConfigLoader {

    private static final String FREE_FORM = Settings.SPARK_CONF.name();
    /** Spark properties whose values must not be stored or printed (Spark's own redaction pattern). */
    private static final java.util.regex.Pattern SECRET =
            java.util.regex.Pattern.compile("(?i)secret|password|token|access[.]key");
    private static final String TASKS = "tasks";
    /** The form of every key in the defaults; anything else read from a checkpoint is not a setting. */
    private static final java.util.regex.Pattern PLAIN_KEY =
            java.util.regex.Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*");

    private ConfigLoader() {
    }

    /**
     * The model type a command line asks for: {@code model.type} from {@code --set} or the
     * {@code --config} file, else {@code fallback}. It picks the defaults to overlay.
     */
    public static String modelType(File file, List<String> sets, String fallback) {
        String type = fallback;
        if (file != null && file.isFile()) {
            Config user = parseFile(file);
            if (user.hasPath(Settings.MODEL_TYPE.name())) {
                type = user.getString(Settings.MODEL_TYPE.name());
            }
        }
        for (String set : sets) {
            Config one = parseSet(set);
            if (one.hasPath(Settings.MODEL_TYPE.name())) {
                type = one.getString(Settings.MODEL_TYPE.name());
            }
        }
        return type;
    }

    /**
     * The resolved config as checkpoints record it (provenance), with the values of secret Spark
     * properties ({@code spark.authenticate.secret}, S3 keys, ...) replaced.
     */
    public static Map<String, Object> provenance(Config c) {
        Config redacted = c;
        if (c.hasPath(FREE_FORM)) {
            for (var e : c.getConfig(FREE_FORM).entrySet()) {
                if (SECRET.matcher(e.getKey()).find()) {
                    redacted = redacted.withValue(FREE_FORM + "." + e.getKey(),
                            ConfigValueFactory.fromAnyRef("*********(redacted)"));
                }
            }
        }
        return redacted.root().unwrapped();
    }

    /** The bundled preset of a model type. */
    public static String defaultsFor(String modelType) {
        try {
            return ModelKind.parse(modelType).preset();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + Settings.MODEL_TYPE + " '" + modelType + "': expected "
                    + Setting.listed(Settings.MODEL_TYPE.choices()), e);
        }
    }

    /**
     * Every default of a preset's model kind: {@link Settings}' table under the preset's own
     * values (equal to the table's, plus its per-task sections). The preset names its kind
     * ({@code model.type}).
     */
    public static Config defaults(String presetResource) {
        Config preset = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), presetResource,
                ConfigParseOptions.defaults().setAllowMissing(false));
        if (!preset.hasPath(Settings.MODEL_TYPE.name())) {
            throw new IllegalStateException(presetResource + " must set " + Settings.MODEL_TYPE);
        }
        ModelKind kind = ModelKind.parse(preset.getString(Settings.MODEL_TYPE.name()));
        return preset.withFallback(table(kind));
    }

    /**
     * The defaults of {@link Settings} for {@code kind}, as a config. Parsed from HOCON text, as the
     * defaults files were, so that values read alike: HOCON reads {@code 5.0} as the integer 5, and
     * checkpoints record the resolved config.
     */
    public static Config table(ModelKind kind) {
        var text = new StringBuilder();
        for (Setting<?> s : Settings.of(kind)) {
            text.append(s.name()).append(" = ").append(Setting.render(s.defaultFor(kind))).append('\n');
        }
        return ConfigFactory.parseString(text.toString(), ConfigParseOptions.defaults()
                .setOriginDescription("settings table (org.scopedrnn.config.Settings)"));
    }

    /**
     * The defaults file's {@code tasks.<data.task>} section, when there is one, replaces the plain
     * defaults it names (the copy task wants a far smaller model than translation); the user's
     * {@code --config} and {@code --set} values still win over both.
     */
    public static Config load(String defaultsResource, File file, List<String> sets) {
        return load(defaultsResource, file, sets, Map.of());
    }

    /**
     * {@link #load(String, File, List)} for a run that resumes a checkpoint: {@code inherited} (the
     * checkpoint's resolved config) replaces the defaults, so that settings this command does not
     * set are the checkpoint's, even where a newer version changed their default. Spark settings
     * are not inherited (they say where this run runs, and secrets were redacted), nor keys the
     * defaults no longer know.
     */
    public static Config load(String defaultsResource, File file, List<String> sets, Map<String, ?> inherited) {
        Config defaults = defaults(defaultsResource);
        Config user = userOverlay(defaults, file, sets).withFallback(inheritable(defaults, inherited));
        Config base = defaults;
        Config plain = user.withFallback(defaults).resolve();
        String taskKey = Settings.TASK.name();
        if (plain.hasPath(taskKey) && plain.getValue(taskKey).unwrapped() instanceof String task
                && defaults.hasPath(TASKS + "." + task)) {
            base = defaults.getConfig(TASKS + "." + task).withFallback(defaults);
        }
        return user.withFallback(base).resolve();
    }

    private static Config inheritable(Config defaults, Map<String, ?> inherited) {
        Config kept = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : flatten(inherited).entrySet()) {
            String key = e.getKey();
            if (PLAIN_KEY.matcher(key).matches() && !key.startsWith("spark.") && !key.startsWith(TASKS + ".")
                    && defaults.hasPathOrNull(key)
                    && (defaults.getIsNull(key) || defaults.getValue(key).valueType() != ConfigValueType.OBJECT)) {
                try {
                    kept = kept.withValue(key, ConfigValueFactory.fromAnyRef(e.getValue()));
                } catch (ConfigException notAConfigValue) {
                    // left to the defaults: the resume check then names the key if it differs
                }
            }
        }
        return kept;
    }

    private static Config userOverlay(Config defaults, File file, List<String> sets) {
        Config merged = ConfigFactory.empty();
        if (file != null) {
            if (!file.isFile()) {
                throw new IllegalArgumentException("config file " + file + " does not exist: pass --config with a "
                        + "HOCON file such as conf/anna.conf");
            }
            Config user = parseFile(file);
            checkKnown(user, defaults, "config file " + file);
            merged = user.withFallback(merged);
        }
        for (String set : sets) {
            Config one = parseSet(set);
            checkKnown(one, defaults, "--set " + set);
            merged = one.withFallback(merged);
        }
        return merged;
    }

    private static Config parseFile(File file) {
        try {
            return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("config file " + file + " is not valid HOCON: " + e.getMessage(), e);
        }
    }

    static Config parseSet(String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set expects key=value, got '" + set + "'");
        }
        String key = set.substring(0, eq).trim();
        String value = set.substring(eq + 1);
        try {
            Config parsed = ConfigFactory.parseString(key + " = " + value,
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF));
            if (parsed.hasPathOrNull(key) && !value.isBlank() && value.equals(value.strip())) {
                return parsed;
            }
        } catch (ConfigException e) {
            // not HOCON syntax (e.g. a prime with quotes or colons): take the value literally below
        }
        try {
            return ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("--set " + set + ": '" + key + "' is not a valid config key", e);
        }
    }

    private static void checkKnown(Config overlay, Config defaults, String source) {
        var unknown = new TreeSet<String>();
        for (Map.Entry<String, ?> e : overlay.entrySet()) {
            String path = e.getKey();
            if (path.startsWith(FREE_FORM + ".")) {
                continue;
            }
            if (!defaults.hasPathOrNull(path)) {
                unknown.add(path);
            }
        }
        if (!unknown.isEmpty()) {
            var named = new ArrayList<String>();
            unknown.forEach(key -> named.add(key + hint(key, defaults)));
            throw new IllegalArgumentException("unknown config key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", named) + " in " + source + ": valid keys are " + knownKeys(defaults));
        }
    }

    /** What an unknown key may have meant: a key of the other model kind, or close spellings. */
    private static String hint(String key, Config defaults) {
        var other = Settings.named(key);
        if (other.isPresent()) {
            return " (a " + Setting.listed(other.get().kinds().stream().map(ModelKind::typeName).toList())
                    + " setting; this config's " + Settings.MODEL_TYPE + " is " + defaults.getString(
                    Settings.MODEL_TYPE.name()) + ")";
        }
        List<String> close = CloseNames.among(key, new TreeSet<>(keys(defaults)));
        return close.isEmpty() ? "" : " (did you mean " + Setting.listed(close) + "?)";
    }

    private static String knownKeys(Config defaults) {
        return String.join(", ", new TreeSet<>(keys(defaults)));
    }

    private static List<String> keys(Config defaults) {
        var keys = new ArrayList<String>();
        defaults.entrySet().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    /** Nested config maps as {@code a.b.c -> value}; null values are kept (a null scope is a setting). */
    public static Map<String, Object> flatten(Map<String, ?> nested) {
        var out = new LinkedHashMap<String, Object>();
        flatten("", nested, out);
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> inner) {
                flatten(key + ".", inner, out);
            } else {
                out.put(key, v);
            }
        });
    }
}
