package dev.flowline.core.artifacts;

import dev.flowline.core.error.FlowlineException;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Opens artifact repositories by URI scheme through the {@link ArtifactRepositoryProvider}s on the class path. */
public final class ArtifactRepositories {
    private final List<ArtifactRepositoryProvider> providers;
    private final ArtifactSettings settings;

    public ArtifactRepositories(ArtifactSettings settings) {
        this.providers = ServiceLoader.load(ArtifactRepositoryProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        this.settings = settings;
    }

    /** Opens the repository rooted at the URI, or fails naming the schemes that are supported. */
    public ArtifactRepository open(String uri) {
        String scheme = scheme(uri);
        for (ArtifactRepositoryProvider provider : providers) {
            if (provider.schemes().contains(scheme)) {
                return provider.open(uri, settings);
            }
        }
        TreeSet<String> known = new TreeSet<>();
        providers.forEach(p -> p.schemes().stream().filter(s -> !s.isEmpty()).forEach(known::add));
        throw FlowlineException.invalidParameter(
                "Could not find an artifact repository for '%s'. Supported URI schemes: %s", uri, known);
    }

    /** The URI's scheme in lowercase, or "" for a plain path. */
    public static String scheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 1) {
            // "C:" is a drive letter, not a scheme; a leading ':' is no scheme either
            return "";
        }
        String candidate = uri.substring(0, colon);
        return candidate.matches("[A-Za-z][A-Za-z0-9+.-]*") ? candidate.toLowerCase(Locale.ROOT) : "";
    }
}
