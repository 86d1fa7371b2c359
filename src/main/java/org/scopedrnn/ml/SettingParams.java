package org.scopedrnn.ml;

import com.typesafe.config.ConfigFactory;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.scopedrnn.config.ModelKind;
import org.scopedrnn.config.Setting;
import org.scopedrnn.config.Settings;
import scala.runtime.AbstractFunction1;

/**
 * Spark ML {@code Param}s generated from the settings table ({@code config.Settings}), one per
 * setting: the param's name is the setting's key ({@code train.batch-size}), its doc the setting's
 * doc line, its default the table's default for the model kind, its validator the setting's own
 * reader and check. Nothing here names a setting: adding one to the table adds a param.
 *
 * <p>A value a param holds is what {@code --set key=value} would pass: {@link #assignments} turns
 * the params a user set into exactly those arguments, so the estimator's config resolves through
 * {@code ConfigLoader} like the command line's.
 */
final class SettingParams implements Serializable {

    private final Map<String, Param<Object>> params = new LinkedHashMap<>();

    private SettingParams() {
    }

    /** The params of those of {@code kind}'s settings that {@code include} accepts, for {@code owner}. */
    static SettingParams of(Params owner, ModelKind kind, Predicate<Setting<?>> include) {
        var out = new SettingParams();
        for (Setting<?> s : Settings.of(kind)) {
            if (include.test(s)) {
                Param<Object> p = param(owner.toString(), s);
                out.params.put(s.name(), p);
                Object value = s.defaultFor(kind);
                if (value != null) {
                    owner.setDefault(p, coerce(s, value));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Param<Object> param(String parent, Setting<?> s) {
        var check = new Check<Object>(s.name());
        String doc = s.doc() + (s.expected().isEmpty() ? "" : " (" + s.expected() + ")")
                + (s.choices().isEmpty() ? "" : " (one of " + String.join(", ", s.choices()) + ")");
        return (Param<Object>) (Param<?>) switch (s.type()) {
            case INTEGER -> new IntParam(parent, s.name(), doc, check);
            case LONG -> new LongParam(parent, s.name(), doc, check);
            case NUMBER -> new DoubleParam(parent, s.name(), doc, check);
            case BOOLEAN -> new BooleanParam(parent, s.name(), doc); // a boolean is always valid
            case STRING, SCOPE, CHOICE -> new Param<String>(parent, s.name(), doc, new Check<String>(s.name()));
            case PROPERTIES -> throw new IllegalArgumentException(s + " (free-form properties) cannot be a Spark ML "
                    + "param: leave it out");
        };
    }

    List<Param<Object>> all() {
        return List.copyOf(params.values());
    }

    boolean has(String key) {
        return params.containsKey(key);
    }

    /** The param of setting {@code key}; an unknown key is an error listing the params there are. */
    Param<Object> param(String key) {
        Param<Object> p = params.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no setting param '" + key + "': this stage's are "
                    + String.join(", ", params.keySet()));
        }
        return p;
    }

    /** {@code --set} arguments for the params {@code owner} has set explicitly (defaults are the table's anyway). */
    List<String> assignments(Params owner) {
        var sets = new ArrayList<String>();
        params.forEach((key, p) -> {
            if (owner.isSet(p)) {
                sets.add(Settings.named(key).orElseThrow().assignment(owner.getOrDefault(p)));
            }
        });
        return sets;
    }

    /**
     * Sets on {@code to} every param {@code from} has set that {@code to} also has (by name): a fit
     * hands its model the column and sampling params (Spark's {@code copyValues} needs every param
     * of the estimator on the model).
     */
    static void copySet(Params from, Params to) {
        for (Param<?> p : from.params()) {
            if (from.isSet(p) && to.hasParam(p.name())) {
                to.set(to.getParam(p.name()), from.getOrDefault(p));
            }
        }
    }

    /** {@code value} as the param of {@code key} holds it; a value of the wrong type is an error naming both. */
    Object coerce(String key, Object value) {
        param(key);
        return coerce(Settings.named(key).orElseThrow(), value);
    }

    private static Object coerce(Setting<?> s, Object value) {
        try {
            return switch (s.type()) {
                case INTEGER -> value instanceof Number n ? Math.toIntExact(exact(n)) : Integer.parseInt(text(value));
                case LONG -> value instanceof Number n ? exact(n) : Long.parseLong(text(value));
                case NUMBER -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(text(value));
                case BOOLEAN -> value instanceof Boolean b ? b : parseBoolean(text(value));
                default -> value == null ? null : text(value);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("param " + s + " takes " + typeName(s) + ", got " + describe(value), e);
        }
    }

    private static long exact(Number n) {
        double d = n.doubleValue();
        if (d != Math.rint(d)) {
            throw new ArithmeticException("not a whole number");
        }
        return n.longValue();
    }

    private static String text(Object value) {
        if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof Number
                || value instanceof Boolean) {
            return value.toString();
        }
        throw new NumberFormatException("not a value");
    }

    private static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new NumberFormatException(text);
        };
    }

    private static String typeName(Setting<?> s) {
        return switch (s.type()) {
            case INTEGER -> "an integer";
            case LONG -> "a long integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            default -> "a string";
        };
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "' (" + value.getClass().getSimpleName() + ")";
    }

    /**
     * A param's validator: the value goes through its setting's own reader (type, choice, check),
     * so a bad value fails when it is set, with the setting's message naming the param and value.
     */
    static final class Check<T> extends AbstractFunction1<T, Object> implements Serializable {

        private final String key;

        Check(String key) {
            this.key = key;
        }

        @Override
        public Object apply(T value) {
            Setting<?> s = Settings.named(key).orElseThrow();
            try {
                s.read(ConfigFactory.parseString(s.assignment(value)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("param " + key + " = " + value + " is refused: " + e.getMessage(),
                        e);
            }
            return true;
        }
    }
}
