package dev.flowline.core.backend;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.net.URI;
import java.util.ServiceLoader;

/** Finds the {@link BackendStoreProvider} for a URI among those on the class path. */
public final class BackendStores {
    private BackendStores() {}

    /** The provider that supports the URI, or a failure listing what is supported. */
    public static BackendStoreProvider providerFor(URI backendStoreUri) {
        for (BackendStoreProvider provider : ServiceLoader.load(BackendStoreProvider.class)) {
            if (provider.supports(backendStoreUri)) {
                return provider;
            }
        }
        throw new FlowlineException(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Unsupported backend store URI '" + backendStoreUri
                        + "': use sqlite:///path, postgresql://host/db or mysql://host/db");
    }
}
