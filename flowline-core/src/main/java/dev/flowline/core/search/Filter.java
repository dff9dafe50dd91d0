package dev.flowline.core.search;

import java.util.List;
import java.util.Objects;

/**
 * A parsed search filter. MLflow's grammar is a conjunction of comparisons; Flowline also accepts
 * {@code OR} and parentheses, so the tree may hold {@link Or} nodes.
 */
public sealed interface Filter {
    /** {@code field op literal}. */
    record Comparison(Field field, Operator op, Literal value) implements Filter {
        public Comparison {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** All of the parts hold. */
    record And(List<Filter> parts) implements Filter {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** At least one of the parts holds. */
    record Or(List<Filter> parts) implements Filter {
        public Or {
            parts = List.copyOf(parts);
        }
    }
}
