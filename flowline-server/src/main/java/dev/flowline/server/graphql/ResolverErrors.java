package dev.flowline.server.graphql;

import dev.flowline.core.error.FlowlineException;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A failed resolver's error: the REST endpoint's message as it is (MLflow reports the exception's message), an
 * unexpected failure logged with its stack trace and reported without details, as the REST API does.
 */
final class ResolverErrors implements DataFetcherExceptionHandler {
    private static final System.Logger LOG = System.getLogger(ResolverErrors.class.getName());
    static final String INTERNAL = "An internal error occurred; the server log has the details";

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters parameters) {
        Throwable failure = parameters.getException();
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        String message;
        if (failure instanceof FlowlineException e && e.code().httpStatus() < 500) {
            message = e.getMessage();
        } else {
            LOG.log(Level.ERROR, "GraphQL field " + parameters.getPath() + " failed", failure);
            message = failure instanceof FlowlineException e ? e.getMessage() : INTERNAL;
        }
        return CompletableFuture.completedFuture(
                DataFetcherExceptionHandlerResult.newResult(GraphqlErrorBuilder.newError()
                                .message(message)
                                .path(parameters.getPath())
                                .location(parameters.getSourceLocation())
                                .build())
                        .build());
    }
}
