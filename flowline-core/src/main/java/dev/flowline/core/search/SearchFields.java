package dev.flowline.core.search;

import dev.flowline.core.error.FlowlineException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which fields a search may name and which comparisons MLflow allows on each: the rules for runs and for
 * experiments.
 */
enum SearchFields {
    RUNS(
            prefixes(EntityType.METRIC, "metric", "metrics")
                    .and(EntityType.PARAM, "parameter", "parameters", "param", "params")
                    .and(EntityType.TAG, "tag", "tags")
                    .and(EntityType.ATTRIBUTE, "attribute", "attributes", "attr", "run")
                    .and(EntityType.DATASET, "dataset", "datasets")
                    .map,
            Map.ofEntries(
                    Map.entry("run_id", "run_id"),
                    Map.entry("run_name", "run_name"),
                    Map.entry("run name", "run_name"),
                    Map.entry("Run name", "run_name"),
                    Map.entry("Run Name", "run_name"),
                    Map.entry("status", "status"),
                    Map.entry("user_id", "user_id"),
                    Map.entry("artifact_uri", "artifact_uri"),
                    Map.entry("start_time", "start_time"),
                    Map.entry("created", "start_time"),
                    Map.entry("Created", "start_time"),
                    Map.entry("end_time", "end_time")),
            Set.of(),
            Set.of("start_time", "end_time"),
            Set.of("run_id"),
            EnumSet.of(EntityType.METRIC, EntityType.PARAM, EntityType.TAG, EntityType.ATTRIBUTE),
            "Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']",
            "Invalid identifier type '%s'"),
    EXPERIMENTS(
            prefixes(EntityType.TAG, "tag", "tags").and(EntityType.ATTRIBUTE, "attribute").map,
            Map.of(
                    "name",
                    "name",
                    "creation_time",
                    "creation_time",
                    "last_update_time",
                    "last_update_time",
                    "experiment_id",
                    "experiment_id"),
            Set.of("experiment_id"),
            Set.of("creation_time", "last_update_time", "experiment_id"),
            Set.of(),
            EnumSet.of(EntityType.ATTRIBUTE),
            "Valid entity types are ('attribute', 'tag', 'tags')",
            "Invalid order_by entity: %s");

    private static final Set<Operator> NUMERIC =
            EnumSet.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE);
    private static final Set<Operator> STRING = EnumSet.of(Operator.EQ, Operator.NE, Operator.LIKE, Operator.ILIKE);
    private static final Set<Operator> STRING_OR_LIST =
            EnumSet.of(Operator.EQ, Operator.NE, Operator.LIKE, Operator.ILIKE, Operator.IN, Operator.NOT_IN);
    private static final Set<String> DATASET_KEYS = Set.of("name", "digest", "context");

    private final Map<String, EntityType> prefixes;
    private final Map<String, String> attributes;
    private final Set<String> orderOnlyAttributes;
    private final Set<String> numericAttributes;
    private final Set<String> listAttributes;
    private final Set<EntityType> orderable;
    private final String validEntityTypes;
    private final String notOrderable;

    SearchFields(
            Map<String, EntityType> prefixes,
            Map<String, String> attributes,
            Set<String> orderOnlyAttributes,
            Set<String> numericAttributes,
            Set<String> listAttributes,
            Set<EntityType> orderable,
            String validEntityTypes,
            String notOrderable) {
        this.prefixes = prefixes;
        this.attributes = attributes;
        this.orderOnlyAttributes = orderOnlyAttributes;
        this.numericAttributes = numericAttributes;
        this.listAttributes = listAttributes;
        this.orderable = orderable;
        this.validEntityTypes = validEntityTypes;
        this.notOrderable = notOrderable;
    }

    /** Builds the map of entity prefixes and their alternate spellings. */
    private record Prefixes(Map<String, EntityType> map) {
        Prefixes and(EntityType type, String... names) {
            Map<String, EntityType> merged = new java.util.HashMap<>(map);
            for (String name : names) {
                merged.put(name, type);
            }
            return new Prefixes(Map.copyOf(merged));
        }
    }

    private static Prefixes prefixes(EntityType type, String... names) {
        return new Prefixes(Map.of()).and(type, names);
    }

    /** The entity type a prefix such as {@code metrics} names; as in MLflow, prefixes are lower case. */
    EntityType entityType(String prefix) {
        EntityType type = prefixes.get(prefix);
        if (type == null) {
            throw FlowlineException.invalidParameter("Invalid entity type '%s'. %s", prefix, validEntityTypes);
        }
        return type;
    }

    /**
     * The field with its canonical key; attribute aliases such as {@code created} become {@code start_time}. As in
     * MLflow, attribute keys are case-sensitive and some attributes only order results, e.g. an experiment's id.
     */
    Field field(EntityType type, String key, boolean orderBy) {
        if (key.isEmpty()) {
            throw FlowlineException.invalidParameter(
                    "Invalid search key: the %s key is empty", type.name().toLowerCase(Locale.ROOT));
        }
        return switch (type) {
            case ATTRIBUTE -> {
                String canonical = attributes.get(key);
                if (canonical == null || !orderBy && orderOnlyAttributes.contains(key)) {
                    throw FlowlineException.invalidParameter(
                            "Invalid attribute key '%s' specified. Valid keys are '%s'",
                            key,
                            pythonSet(attributes.keySet().stream()
                                    .filter(k -> orderBy || !orderOnlyAttributes.contains(k))));
                }
                yield new Field(type, canonical);
            }
            case DATASET -> {
                if (!DATASET_KEYS.contains(key)) {
                    throw FlowlineException.invalidParameter(
                            "Invalid dataset key '%s' specified. Valid keys are '%s'",
                            key, pythonSet(DATASET_KEYS.stream()));
                }
                yield new Field(type, key);
            }
            default -> new Field(type, key);
        };
    }

    /**
     * Checks that MLflow allows the comparison, with MLflow's messages: the value's type first (MLflow checks it
     * while parsing), then the comparator.
     */
    void checkComparison(Field field, Operator op, Literal value, String input) {
        boolean numeric = isNumeric(field);
        boolean listable = field.type() == EntityType.DATASET
                || listAttributes.contains(field.key()) && field.type() == EntityType.ATTRIBUTE;
        checkValueType(field, numeric, listable, value);
        Set<Operator> allowed = numeric ? NUMERIC : listable ? STRING_OR_LIST : STRING;
        if (!allowed.contains(op)) {
            throw FlowlineException.invalidParameter(
                    "Invalid comparator '%s' not one of '%s' for %s in filter '%s'",
                    op.symbol(), allowed.stream().map(Operator::symbol).toList(), describe(field), input);
        }
        boolean list = op == Operator.IN || op == Operator.NOT_IN;
        if (list && !(value instanceof Literal.TextList)) {
            throw FlowlineException.invalidParameter(
                    "Expected a list of quoted strings such as ('a', 'b') for %s %s." + " Found %s in filter '%s'",
                    describe(field), op.symbol(), show(value), input);
        }
    }

    private static void checkValueType(Field field, boolean numeric, boolean listable, Literal value) {
        if (numeric) {
            if (!(value instanceof Literal.Number)) {
                throw FlowlineException.invalidParameter(
                        field.type() == EntityType.METRIC
                                ? "Expected numeric value type for metric. Found %2$s"
                                : "Expected numeric value type for numeric attribute: %s. Found %s",
                        field.key(),
                        show(value));
            }
            return;
        }
        if (value instanceof Literal.Text || listable && value instanceof Literal.TextList) {
            return;
        }
        throw switch (field.type()) {
            case PARAM, TAG ->
                FlowlineException.invalidParameter(
                        "Expected a quoted string value for %s (e.g. 'my-value'). Got value %s",
                        field.type() == EntityType.PARAM ? "parameter" : "tag", show(value));
            case DATASET ->
                FlowlineException.invalidParameter(
                        "Expected a quoted string value for dataset attributes. Got value %s", show(value));
            default ->
                value instanceof Literal.TextList
                        ? FlowlineException.invalidParameter("Only the 'run_id' attribute supports comparison with"
                                + " a list of quoted string values.")
                        : FlowlineException.invalidParameter(
                                "Expected a quoted string value for attributes. Got value %s", show(value));
        };
    }

    private boolean isNumeric(Field field) {
        return field.type() == EntityType.METRIC
                || field.type() == EntityType.ATTRIBUTE && numericAttributes.contains(field.key());
    }

    /**
     * Checks that the field can order results (experiments only by attributes, runs not by datasets), failing with
     * the message MLflow's SQL store gives for each.
     */
    void checkOrderable(Field field) {
        if (!orderable.contains(field.type())) {
            throw FlowlineException.invalidParameter(
                    notOrderable, field.type().name().toLowerCase(Locale.ROOT));
        }
    }

    private static String describe(Field field) {
        return field.type().name().toLowerCase(Locale.ROOT) + " '" + field.key() + "'";
    }

    /** Names as Python prints a set of strings, the form MLflow's messages list valid keys in. */
    private static String pythonSet(Stream<String> names) {
        return names.sorted().map(n -> "'" + n + "'").collect(Collectors.joining(", ", "{", "}"));
    }

    /** A value as the filter spelled it, as MLflow's messages quote it. */
    private static String show(Literal value) {
        return switch (value) {
            case Literal.Text text -> "'" + text.value() + "'";
            case Literal.Number number ->
                number.value() == Math.rint(number.value()) && Math.abs(number.value()) < 1e15
                        ? Long.toString((long) number.value())
                        : Double.toString(number.value());
            case Literal.TextList list ->
                list.values().stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "(", ")"));
        };
    }
}
