package dev.flowline.artifacts.s3;

import dev.flowline.core.artifacts.ArtifactRepository;
import dev.flowline.core.artifacts.ArtifactRepositoryProvider;
import dev.flowline.core.artifacts.ArtifactSettings;
import java.util.Set;

/**
 * {@code s3://bucket/prefix} repositories. One S3 client (and its connection pool) is shared by every
 * repository opened with the same settings, since run artifact URIs each open a repository.
 */
public final class S3ArtifactRepositoryProvider implements ArtifactRepositoryProvider {
    private S3Settings clientSettings;
    private S3Clients clients;

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public Set<String> settingNames() {
        return Set.copyOf(S3Settings.variableNames());
    }

    @Override
    public ArtifactRepository open(String uri, ArtifactSettings settings) {
        return open(uri, S3Settings.from(settings));
    }

    /** Opens a repository with explicit settings. */
    public synchronized S3ArtifactRepository open(String uri, S3Settings settings) {
        S3Location location = S3Location.parse(uri);
        if (clients == null || !settings.equals(clientSettings)) {
            clients = new S3Clients(settings);
            clientSettings = settings;
        }
        return new S3ArtifactRepository(clients, location, settings);
    }
}
