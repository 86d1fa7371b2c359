package org.scopedrnn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configuration key, declared once in {@link Settings} as Spark MLlib declares a {@code Param}
 * with its validator: its name, type, default per model kind, check, doc line, and whether a
 * resumed run may change it. Readers go through {@link #read} and never spell the name;
 * {@link #toString()} is the name, so messages can say {@code "lower " + Settings.BATCH_SIZE}.
 *
 * <p>Declarations are chained copies ({@code integer("model.layers").charLstm(2).atLeast(1)...}):
 * every instance is immutable.
 *
 * @param <T> what {@link #read} returns
 */
public final class Setting<T> {

    /** How a value is read and shown; {@code SCOPE} is a string that may be null. */
    public enum Type {
        INTEGER, LONG, NUMBER, BOOLEAN, STRING, SCOPE, CHOICE, PROPERTIES
    }

    private final String name;
    private final Type type;
    private final Function<String, T> parse;
    private final List<String> choices;
    private final Map<String, String> spellings;
    private final Map<ModelKind, Object> defaults;
    private final Predicate<T> check;
    private final String expected;
    private final String doc;
    private final Boolean mayChangeOnResume;

    private Setting(String name, Type type, Function<String, T> parse, List<String> choices,
            Map<String, String> spellings, Map<ModelKind, Object> defaults, Predicate<T> check, String expected,
            String doc, Boolean mayChangeOnResume) {
        this.name = name;
        this.type = type;
        this.parse = parse;
        this.choices = choices;
        this.spellings = spellings;
        this.defaults = defaults;
        this.check = check;
        this.expected = expected;
        this.doc = doc;
        this.mayChangeOnResume = mayChangeOnResume;
    }

    private static <T> Setting<T> of(String name, Type type, Function<String, T> parse, List<String> choices) {
        return new Setting<>(name, type, parse, choices, Map.of(), new EnumMap<>(ModelKind.class), v -> true, "",
                null, null);
    }

    static Setting<Integer> integer(String name) {
        return of(name, Type.INTEGER, null, List.of());
    }

    static Setting<Long> longValue(String name) {
        return of(name, Type.LONG, null, List.of());
    }

    static Setting<Double> number(String name) {
        return of(name, Type.NUMBER, null, List.of());
    }

    static Setting<Boolean> bool(String name) {
        return of(name, Type.BOOLEAN, null, List.of());
    }

    static Setting<String> string(String name) {
        return of(name, Type.STRING, null, List.of());
    }

    /** A variable scope name, or null for TF's unique default. */
    static Setting<String> scope(String name) {
        return of(name, Type.SCOPE, null, List.of());
    }

    /** One of {@code choices}; {@code parse} turns the value into {@code E} and may accept more spellings. */
    static <E> Setting<E> choice(String name, Function<String, E> parse, String... choices) {
        return of(name, Type.CHOICE, parse, List.of(choices));
    }

    /** Free-form Spark properties: any key below this one is accepted and passed through. */
    static Setting<Map<String, String>> properties(String name) {
        return of(name, Type.PROPERTIES, null, List.of());
    }

    private Setting<T> with(Map<ModelKind, Object> newDefaults, Predicate<T> newCheck, String newExpected,
            String newDoc, Boolean newFlag, Map<String, String> newSpellings) {
        return new Setting<>(name, type, parse, choices, newSpellings, newDefaults, newCheck, newExpected, newDoc,
                newFlag);
    }

    private Setting<T> withDefault(ModelKind kind, Object value) {
        var copy = new EnumMap<ModelKind, Object>(ModelKind.class);
        copy.putAll(defaults);
        copy.put(kind, value);
        return with(copy, check, expected, doc, mayChangeOnResume, spellings);
    }

    /** The char-LSTM's default (the key applies to char-LSTM configs). */
    Setting<T> charLstm(Object value) {
        return withDefault(ModelKind.CHAR_LSTM, value);
    }

    /** The seq2seq default (the key applies to seq2seq configs). */
    Setting<T> seq2seq(Object value) {
        return withDefault(ModelKind.SEQ2SEQ, value);
    }

    /** The same default for both model kinds. */
    Setting<T> both(Object value) {
        return charLstm(value).seq2seq(value);
    }

    Setting<T> check(Predicate<T> newCheck, String newExpected) {
        return with(defaults, newCheck, newExpected, doc, mayChangeOnResume, spellings);
    }

    Setting<T> atLeast(long min) {
        return check(v -> ((Number) v).longValue() >= min, "at least " + min);
    }

    Setting<T> doc(String text) {
        return with(defaults, check, expected, text, mayChangeOnResume, spellings);
    }

    /** Other spellings of a choice, each mapped to the one in {@link #choices()}: compared as equal on resume. */
    Setting<T> spellings(Map<String, String> aliases) {
        return with(defaults, check, expected, doc, mayChangeOnResume, Map.copyOf(aliases));
    }

    /** A resumed run must keep the checkpoint's value: it decides the model, the data or the plan. */
    Setting<T> keptOnResume() {
        return with(defaults, check, expected, doc, false, spellings);
    }

    /** A resumed run may change it: how long, how often, how fast, what it reports, where it runs. */
    Setting<T> changeableOnResume() {
        return with(defaults, check, expected, doc, true, spellings);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The accepted values of a choice, in their canonical spelling; empty otherwise. */
    public List<String> choices() {
        return choices;
    }

    /** The canonical spelling of a (lower-case) choice value. */
    public String canonicalSpelling(String value) {
        return spellings.getOrDefault(value, value);
    }

    public String doc() {
        return doc;
    }

    /** What a valid value is ("at least 1", "in [0, 1)"), or empty when any value of the type is. */
    public String expected() {
        return expected;
    }

    public boolean mayChangeOnResume() {
        return Boolean.TRUE.equals(mayChangeOnResume);
    }

    /** The model kinds whose configs hold this key. */
    public Set<ModelKind> kinds() {
        return Collections.unmodifiableSet(defaults.keySet());
    }

    public boolean appliesTo(ModelKind kind) {
        return defaults.containsKey(kind);
    }

    /** The default for {@code kind} as HOCON would hold it (a number, string, boolean, null or map). */
    public Object defaultFor(ModelKind kind) {
        if (!appliesTo(kind)) {
            throw new IllegalArgumentException(name + " is not a " + kind.typeName() + " setting");
        }
        return defaults.get(kind);
    }

    /** Whether the declaration is complete; {@link Settings} refuses to load otherwise. */
    boolean complete() {
        return !defaults.isEmpty() && doc != null && !doc.isBlank() && mayChangeOnResume != null;
    }

    /** This key's value in a resolved config, checked; a missing key or bad value is an error naming it. */
    public T read(Config c) {
        return require(get(c));
    }

    /** {@code value} if it passes this key's check, else an error naming the key, the value and what is expected. */
    public T require(T value) {
        if (!check.test(value)) {
            throw new IllegalArgumentException(name + " must be " + expected + ", got " + value);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private T get(Config c) {
        try {
            return (T) switch (type) {
                case INTEGER -> c.getInt(name);
                case LONG -> c.getLong(name);
                case NUMBER -> c.getDouble(name);
                case BOOLEAN -> c.getBoolean(name);
                case STRING -> c.getString(name);
                case SCOPE -> c.getIsNull(name) ? null : c.getString(name);
                case CHOICE -> parseChoice(c.getString(name));
                case PROPERTIES -> properties(c.getConfig(name));
            };
        } catch (ConfigException.Missing e) {
            throw new IllegalArgumentException("config key " + name + " is missing", e);
        } catch (ConfigException.WrongType e) {
            throw new IllegalArgumentException("config key " + name + " has the wrong type: " + e.getMessage(), e);
        }
    }

    private T parseChoice(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains(name)) {
                throw e;
            }
            throw new IllegalArgumentException("unknown " + name + " '" + value + "': expected " + listed(choices), e);
        }
    }

    /** Spark property names as written, without the quotes HOCON needs around their dots. */
    private static Map<String, String> properties(Config section) {
        var out = new LinkedHashMap<String, String>();
        section.entrySet().forEach(e -> out.put(unquote(e.getKey()), String.valueOf(e.getValue().unwrapped())));
        return out;
    }

    private static String unquote(String key) {
        return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1)
                : key;
    }

    /** "a", "a or b", "a, b or c". */
    static String listed(List<String> words) {
        return listed(words, "or");
    }

    /** "a", "a and b", "a, b and c" with {@code conjunction} "and". */
    static String listed(List<String> words, String conjunction) {
        if (words.size() < 2) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " " + conjunction + " "
                + words.get(words.size() - 1);
    }

    /**
     * The constant of {@code type} named {@code value} in any case: the parser of a choice whose
     * values are an enum's names. Anything else is an error naming this key, the value and the choices.
     */
    <E extends Enum<E>> E constant(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + name + " '" + value + "': expected " + listed(choices));
    }

    /** The {@code --set} argument giving this key {@code value}. */
    public String assignment(Object value) {
        return name + "=" + render(value);
    }

    /** {@code value} as HOCON source: strings quoted, so any text survives. */
    static String render(Object value) {
        return ConfigValueFactory.fromAnyRef(value).render(ConfigRenderOptions.concise());
    }

    /** The key's name, so that messages and {@code --set} arguments can be built from the setting itself. */
    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Setting<?> s && s.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }
}
