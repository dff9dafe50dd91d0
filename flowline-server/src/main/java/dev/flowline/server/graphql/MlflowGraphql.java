package dev.flowline.server.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.Optional;

/** Runs GraphQL calls as MLflow's {@code /graphql} handler does: parse, the safety checks, then execute. */
final class MlflowGraphql {
    private final GraphQL graphql;
    private final QuerySafety safety;

    MlflowGraphql(MlflowResolvers resolvers, QuerySafety safety) {
        this.graphql = GraphQL.newGraphQL(MlflowSchema.build(resolvers))
                .defaultDataFetcherExceptionHandler(new ResolverErrors())
                .build();
        this.safety = safety;
    }

    GraphqlAnswer execute(GraphqlRequest request) {
        Document document;
        try {
            document = Parser.parse(request.query());
        } catch (InvalidSyntaxException e) {
            return GraphqlAnswer.refused(e.getMessage());
        }
        Optional<String> refusal = safety.check(document);
        if (refusal.isPresent()) {
            return GraphqlAnswer.refused(refusal.get());
        }
        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .build());
        return new GraphqlAnswer(
                result.getData(),
                result.getErrors().stream().map(GraphQLError::getMessage).toList());
    }
}
