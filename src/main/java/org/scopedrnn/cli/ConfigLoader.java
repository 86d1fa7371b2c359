package org.scopedrnn.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.scopedrnn.train.ResumeCheck;

/**
 * Resolves a job's configuration: the bundled defaults ({@code conf/<model>.conf} on the class
 * path), then {@code --config FILE}, then each {@code --set key=value}. Every key must exist in
 * the defaults (except free-form Spark properties under {@code spark.conf}), so a typo is an
 * error naming it instead of a silently ignored setting.
 */
public final class ConfigLoader {

    private static final String FREE_FORM = "spark.conf";
    /** Spark properties whose values must not be stored or printed (Spark's own redaction pattern). */
    private static final java.util.regex.Pattern SECRET =
            java.util.regex.Pattern.compile("(?i)secret|password|token|access[.]key");
    private static final String TASK = "data.task";
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
            if (user.hasPath("model.type")) {
                type = user.getString("model.type");
            }
        }
        for (String set : sets) {
            Config one = parseSet(set);
            if (one.hasPath("model.type")) {
                type = one.getString("model.type");
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

    /** The bundled defaults of a model type. */
    public static String defaultsFor(String modelType) {
        return switch (modelType) {
            case "char-lstm" -> "conf/char-lstm.conf";
            case "seq2seq" -> "conf/seq2seq.conf";
            default -> throw new IllegalArgumentException("unknown model.type '" + modelType
                    + "': expected char-lstm or seq2seq");
        };
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
        Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), defaultsResource,
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config user = userOverlay(defaults, file, sets).withFallback(inheritable(defaults, inherited));
        Config base = defaults;
        Config plain = user.withFallback(defaults).resolve();
        if (plain.hasPath(TASK) && plain.getValue(TASK).unwrapped() instanceof String task
                && defaults.hasPath(TASKS + "." + task)) {
            base = defaults.getConfig(TASKS + "." + task).withFallback(defaults);
        }
        return user.withFallback(base).resolve();
    }

    private static Config inheritable(Config defaults, Map<String, ?> inherited) {
        Config kept = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : ResumeCheck.flatten(inherited).entrySet()) {
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
            throw new IllegalArgumentException("unknown config key" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + " in " + source + ": valid keys are " + knownKeys(defaults));
        }
    }

    private static String knownKeys(Config defaults) {
        var keys = new TreeSet<String>();
        defaults.entrySet().forEach(e -> keys.add(e.getKey()));
        return String.join(", ", keys);
    }
}
