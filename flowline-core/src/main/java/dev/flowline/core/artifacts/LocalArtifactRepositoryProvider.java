package dev.flowline.core.artifacts;

import dev.flowline.core.error.FlowlineException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/** Local directories: plain paths ({@code /data/artifacts}, {@code ./mlartifacts}) and {@code file://} URIs. */
public final class LocalArtifactRepositoryProvider implements ArtifactRepositoryProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("", "file");
    }

    @Override
    public ArtifactRepository open(String uri, ArtifactSettings settings) {
        return new LocalArtifactRepository(toPath(uri));
    }

    /** The local path a plain path or {@code file:} URI names. */
    public static Path toPath(String uri) {
        if (!ArtifactRepositories.scheme(uri).equals("file")) {
            return Path.of(uri);
        }
        try {
            URI parsed = URI.create(uri);
            return parsed.getPath() == null ? Path.of(uri.substring("file:".length())) : Path.of(parsed.getPath());
        } catch (IllegalArgumentException e) {
            throw FlowlineException.invalidParameter("Not a valid file URI: '%s'", uri);
        }
    }
}
