package dev.flowline.artifacts.s3;

import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.core.error.FlowlineException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach S3, from MLflow's settings (read by the command line from the environment).
 *
 * @param endpoint        {@code MLFLOW_S3_ENDPOINT_URL}: a custom endpoint (MinIO, Ceph, …), addressed path-style
 * @param accessKeyId     {@code AWS_ACCESS_KEY_ID}; with the secret, static credentials instead of the default chain
 * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY}
 * @param sessionToken    {@code AWS_SESSION_TOKEN}, for temporary credentials
 * @param region          {@code AWS_DEFAULT_REGION} (or {@code AWS_REGION}); us-east-1 when unset
 * @param profile         {@code AWS_PROFILE}: credentials from that profile of ~/.aws
 * @param ignoreTls       {@code MLFLOW_S3_IGNORE_TLS=true}: do not verify the endpoint's certificate
 * @param uploadExtraArgs {@code MLFLOW_S3_UPLOAD_EXTRA_ARGS}, parsed: extra arguments for every upload
 * @param partSize        bytes per multipart part; larger uploads go in parts of this size
 */
public record S3Settings(
        Optional<URI> endpoint,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        Optional<String> sessionToken,
        String region,
        Optional<String> profile,
        boolean ignoreTls,
        UploadExtraArgs uploadExtraArgs,
        int partSize) {

    /** 8 MiB: above S3's 5 MiB minimum part, small enough to buffer one part per upload. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(uploadExtraArgs, "uploadExtraArgs");
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB, got " + partSize);
        }
    }

    /** Settings from MLflow's variable names. */
    public static S3Settings from(ArtifactSettings settings) {
        Optional<URI> endpoint = settings.get("MLFLOW_S3_ENDPOINT_URL").map(S3Settings::endpointUri);
        return new S3Settings(
                endpoint,
                settings.get("AWS_ACCESS_KEY_ID"),
                settings.get("AWS_SECRET_ACCESS_KEY"),
                settings.get("AWS_SESSION_TOKEN"),
                settings.get("AWS_DEFAULT_REGION")
                        .or(() -> settings.get("AWS_REGION"))
                        .orElse("us-east-1"),
                settings.get("AWS_PROFILE"),
                settings.get("MLFLOW_S3_IGNORE_TLS")
                        .map(v -> v.equalsIgnoreCase("true"))
                        .orElse(false),
                settings.get("MLFLOW_S3_UPLOAD_EXTRA_ARGS")
                        .map(UploadExtraArgs::parse)
                        .orElse(UploadExtraArgs.NONE),
                DEFAULT_PART_SIZE);
    }

    /** The same settings with another part size. */
    public S3Settings withPartSize(int newPartSize) {
        return new S3Settings(
                endpoint,
                accessKeyId,
                secretAccessKey,
                sessionToken,
                region,
                profile,
                ignoreTls,
                uploadExtraArgs,
                newPartSize);
    }

    /** The variables {@link #from} reads, for the edge that collects them. */
    public static java.util.List<String> variableNames() {
        return java.util.List.of(
                "MLFLOW_S3_ENDPOINT_URL",
                "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN",
                "AWS_DEFAULT_REGION",
                "AWS_REGION",
                "AWS_PROFILE",
                "MLFLOW_S3_IGNORE_TLS",
                "MLFLOW_S3_UPLOAD_EXTRA_ARGS");
    }

    private static URI endpointUri(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw FlowlineException.invalidParameter(
                    "MLFLOW_S3_ENDPOINT_URL '%s' is not a URL like http://host:9000", value);
        }
    }

    @Override
    public String toString() {
        // never print credentials
        return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("aws") + ", region=" + region
                + ", profile=" + profile.orElse("-") + ", staticCredentials=" + accessKeyId.isPresent()
                + ", ignoreTls=" + ignoreTls + ", " + Map.of("partSize", partSize) + "]";
    }
}
