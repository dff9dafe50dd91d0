package dev.flowline.core.gateway;

import dev.flowline.core.error.FlowlineException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the web UI's gateway proxy forwards to, read once at the edge from MLflow's variables: the deployments server
 * ({@code MLFLOW_DEPLOYMENTS_TARGET}) and how long one call to it may take ({@code MLFLOW_DEPLOYMENT_PREDICT_TIMEOUT},
 * seconds, 120 by default as in MLflow's deployments client).
 *
 * @param target  the deployments server's base URL, {@code http(s)://host[:port][/path]}; empty when none is set
 * @param timeout the longest a forwarded call may take, connecting included
 */
public record GatewaySettings(Optional<URI> target, Duration timeout) {
    /** MLflow's variable naming the deployments server. */
    public static final String TARGET_VARIABLE = "MLFLOW_DEPLOYMENTS_TARGET";
    /** MLflow's variable bounding a deployments call, in seconds. */
    public static final String TIMEOUT_VARIABLE = "MLFLOW_DEPLOYMENT_PREDICT_TIMEOUT";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public GatewaySettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        target.ifPresent(GatewaySettings::checkTarget);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** No deployments server: the proxy answers as MLflow's does without one. */
    public static GatewaySettings none() {
        return new GatewaySettings(Optional.empty(), DEFAULT_TIMEOUT);
    }

    /** A deployments server at {@code target}, with the default timeout. */
    public static GatewaySettings of(URI target) {
        return new GatewaySettings(Optional.of(target), DEFAULT_TIMEOUT);
    }

    /**
     * The settings in the given variables (the command line passes the process environment); a target that is not an
     * http(s) URL or a timeout that is not a positive number of seconds stops the server with a message naming it.
     */
    public static GatewaySettings from(Map<String, String> environment) {
        Optional<URI> target = Optional.ofNullable(environment.get(TARGET_VARIABLE))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .map(GatewaySettings::parseTarget);
        Duration timeout = Optional.ofNullable(environment.get(TIMEOUT_VARIABLE))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .map(GatewaySettings::parseTimeout)
                .orElse(DEFAULT_TIMEOUT);
        return new GatewaySettings(target, timeout);
    }

    private static URI parseTarget(String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            checkTarget(uri);
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw FlowlineException.invalidParameter(
                    "%s must be an http(s) URL such as http://127.0.0.1:7000, not '%s'", TARGET_VARIABLE, value);
        }
    }

    /**
     * A target is a plain base URL: every forwarded call goes to this host and port, so user info, a query or a
     * fragment, which would change how the joined URL is read, are refused.
     */
    private static void checkTarget(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean plain = (scheme.equals("http") || scheme.equals("https"))
                && uri.getHost() != null
                && uri.getRawUserInfo() == null
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
        if (!plain) {
            throw new IllegalArgumentException("not an http(s) base URL: " + uri);
        }
    }

    private static Duration parseTimeout(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below, as a value that is not positive is
        }
        throw FlowlineException.invalidParameter(
                "%s must be a positive number of seconds, not '%s'", TIMEOUT_VARIABLE, value);
    }
}
