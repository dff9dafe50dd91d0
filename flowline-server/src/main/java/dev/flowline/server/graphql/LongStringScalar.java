package dev.flowline.server.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.util.Locale;

/**
 * MLflow's {@code LongString}: an int64 written as a JSON string (JavaScript numbers lose precision past 2^53), read
 * from an int literal, a string, or a variable holding either.
 */
final class LongStringScalar {
    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar()
            .name("LongString")
            .description("Long converted to string to prevent truncation to max integer in JavaScript")
            .coercing(new LongStringCoercing())
            .build();

    private LongStringScalar() {}

    private static final class LongStringCoercing implements Coercing<Long, String> {
        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Number || value instanceof String) {
                return value.toString();
            }
            throw new CoercingSerializeException("LongString cannot represent " + value);
        }

        @Override
        public Long parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                return number.longValue();
            }
            if (input instanceof String text) {
                return parse(text, CoercingParseValueException::new);
            }
            throw new CoercingParseValueException("LongString cannot represent " + input);
        }

        @Override
        public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof IntValue intValue) {
                try {
                    return intValue.getValue().longValueExact();
                } catch (ArithmeticException e) {
                    throw new CoercingParseLiteralException("LongString out of range: " + intValue.getValue());
                }
            }
            if (input instanceof StringValue string) {
                return parse(string.getValue(), CoercingParseLiteralException::new);
            }
            throw new CoercingParseLiteralException("LongString must be an int or a string");
        }

        private static <E extends RuntimeException> Long parse(
                String text, java.util.function.Function<String, E> failure) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw failure.apply("LongString cannot represent '" + text + "'");
            }
        }
    }
}
