package dev.flowline.core.registry;

import dev.flowline.core.search.EntityType;
import dev.flowline.core.search.Filter;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MLflow (2.21 and later) keeps prompts in the registry as models tagged {@code mlflow.prompt.is_prompt = true},
 * and its clients add {@code tag.`mlflow.prompt.is_prompt` != 'true'} to every model search. MLflow's server
 * reads that as "models without the prompt tag" (a plain tag comparison would need the tag to exist and so
 * find nothing); this applies the same reading: a search finds prompts only when it asks for them with
 * {@code = 'true'} (or {@code != 'false'}), and otherwise excludes them, whatever it said about the tag.
 *
 * @param filter         the filter without the prompt-tag comparisons when prompts are excluded
 * @param excludePrompts whether models (or versions of models) tagged as prompts are left out
 */
record PromptFilter(Optional<Filter> filter, boolean excludePrompts) {
    static final String IS_PROMPT_TAG = "mlflow.prompt.is_prompt";

    static PromptFilter of(Optional<Filter> filter) {
        List<Filter> parts = filter.map(PromptFilter::parts).orElse(List.of());
        Optional<Filter.Comparison> first = parts.stream()
                .filter(PromptFilter::isPromptTag)
                .map(Filter.Comparison.class::cast)
                .findFirst();
        if (first.isPresent() && asksForPrompts(first.get())) {
            return new PromptFilter(filter, false);
        }
        List<Filter> rest =
                new ArrayList<>(parts.stream().filter(p -> !isPromptTag(p)).toList());
        Optional<Filter> remaining = rest.isEmpty()
                ? Optional.empty()
                : Optional.of(rest.size() == 1 ? rest.getFirst() : new Filter.And(rest));
        return new PromptFilter(remaining, true);
    }

    private static List<Filter> parts(Filter filter) {
        return filter instanceof Filter.And and ? and.parts() : List.of(filter);
    }

    private static boolean isPromptTag(Filter filter) {
        return filter instanceof Filter.Comparison c
                && c.field().type() == EntityType.TAG
                && c.field().key().equals(IS_PROMPT_TAG);
    }

    private static boolean asksForPrompts(Filter.Comparison c) {
        String value = c.value() instanceof Literal.Text text ? text.value().toLowerCase(Locale.ROOT) : "";
        return c.op() == Operator.EQ && value.equals("true") || c.op() == Operator.NE && value.equals("false");
    }
}
