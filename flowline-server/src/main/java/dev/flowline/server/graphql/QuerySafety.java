package dev.flowline.server.graphql;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MLflow's {@code check_query_safety}, run on a parsed query before it executes: at most 10 levels of nesting and
 * 1000 field selections in all (checked while scanning), then at most {@code MLFLOW_SERVER_GRAPHQL_MAX_ROOT_FIELDS}
 * top-level fields across the operations and {@code MLFLOW_SERVER_GRAPHQL_MAX_ALIASES} aliases in one selection
 * set (10 each unless set). Fragments count where they are spread; a fragment is expanded once per selection set,
 * so cycles and repeated spreads cannot make the scan loop or grow.
 */
final class QuerySafety {
    static final String MAX_ROOT_FIELDS = "MLFLOW_SERVER_GRAPHQL_MAX_ROOT_FIELDS";
    static final String MAX_ALIASES = "MLFLOW_SERVER_GRAPHQL_MAX_ALIASES";
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_DEPTH = 10;
    private static final int MAX_SELECTIONS = 1000;

    private final int maxRootFields;
    private final int maxAliases;

    QuerySafety(int maxRootFields, int maxAliases) {
        this.maxRootFields = maxRootFields;
        this.maxAliases = maxAliases;
    }

    /** The limits from MLflow's environment variables; an unparsable value fails at startup. */
    static QuerySafety fromEnvironment(Map<String, String> environment) {
        return new QuerySafety(limit(environment, MAX_ROOT_FIELDS), limit(environment, MAX_ALIASES));
    }

    /** The reason the query may not run, or empty when it may. */
    Optional<String> check(Document document) {
        Scan scan = new Scan(document);
        try {
            scan.run();
        } catch (LimitExceeded e) {
            return Optional.of(e.getMessage());
        }
        if (scan.rootFields > maxRootFields) {
            return Optional.of(tooMany(maxRootFields, scan.rootFields, "root fields", MAX_ROOT_FIELDS));
        }
        if (scan.maxAliases > maxAliases) {
            return Optional.of(tooMany(maxAliases, scan.maxAliases, "aliases", MAX_ALIASES));
        }
        return Optional.empty();
    }

    private static String tooMany(int limit, int count, String what, String variable) {
        return "GraphQL queries should have at most " + limit + " " + what + ", got " + count + " " + what
                + ". To increase the limit, set the " + variable + " environment variable.";
    }

    private static int limit(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
        }
    }

    /** One scan of a document, depth first from the last field as MLflow's stack scan goes. */
    private static final class Scan {
        private final Document document;
        private final Map<String, FragmentDefinition> fragments = new HashMap<>();
        private int rootFields;
        private int maxAliases;
        private int selections;

        Scan(Document document) {
            this.document = document;
            for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
                fragments.put(fragment.getName(), fragment);
            }
        }

        void run() {
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof OperationDefinition operation && operation.getSelectionSet() != null) {
                    scan(operation.getSelectionSet());
                }
            }
        }

        private void scan(SelectionSet root) {
            Deque<Level> stack = new ArrayDeque<>();
            stack.push(new Level(root, 1));
            while (!stack.isEmpty()) {
                Level level = stack.pop();
                if (level.depth > MAX_DEPTH) {
                    throw new LimitExceeded("Query exceeds maximum depth of " + MAX_DEPTH);
                }
                int aliases = 0;
                for (Field field : fields(level.selections)) {
                    if (level.depth == 1) {
                        rootFields++;
                    }
                    if (field.getAlias() != null) {
                        aliases++;
                    }
                    if (field.getSelectionSet() != null) {
                        stack.push(new Level(field.getSelectionSet(), level.depth + 1));
                    }
                    if (++selections > MAX_SELECTIONS) {
                        throw new LimitExceeded("Query exceeds maximum total selections of " + MAX_SELECTIONS);
                    }
                }
                maxAliases = Math.max(maxAliases, aliases);
            }
        }

        /** The fields of a selection set with its fragments expanded in place, each fragment once. */
        private List<Field> fields(SelectionSet set) {
            List<Field> fields = new ArrayList<>();
            Set<String> expanded = new HashSet<>();
            Deque<Selection<?>> pending = new ArrayDeque<>();
            prepend(pending, set);
            while (!pending.isEmpty()) {
                Selection<?> selection = pending.removeFirst();
                if (selection instanceof Field field) {
                    fields.add(field);
                } else if (selection instanceof InlineFragment inline) {
                    prepend(pending, inline.getSelectionSet());
                } else if (selection instanceof FragmentSpread spread
                        && expanded.add(spread.getName())
                        && fragments.containsKey(spread.getName())) {
                    prepend(pending, fragments.get(spread.getName()).getSelectionSet());
                }
            }
            return fields;
        }

        private static void prepend(Deque<Selection<?>> pending, SelectionSet set) {
            List<?> selections = set.getSelections();
            for (int i = selections.size() - 1; i >= 0; i--) {
                pending.addFirst((Selection<?>) selections.get(i));
            }
        }
    }

    private record Level(SelectionSet selections, int depth) {}

    private static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
