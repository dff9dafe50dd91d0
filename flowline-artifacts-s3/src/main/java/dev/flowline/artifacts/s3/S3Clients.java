package dev.flowline.artifacts.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Builds the S3 client and presigner from {@link S3Settings}: the JDK's URL connection as HTTP client
 * (no Netty or Apache HttpClient in the jar), path-style addressing for custom endpoints, checksums only
 * where S3 requires them (S3-compatible stores reject some of the newer ones).
 */
final class S3Clients implements AutoCloseable {
    private final SdkHttpClient http;
    private final S3Client client;
    private final S3Presigner presigner;

    S3Clients(S3Settings settings) {
        AttributeMap httpOptions = settings.ignoreTls()
                ? AttributeMap.builder()
                        .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true)
                        .build()
                : AttributeMap.empty();
        this.http = UrlConnectionHttpClient.builder().buildWithDefaults(httpOptions);
        AwsCredentialsProvider credentials = credentials(settings);
        Region region = Region.of(settings.region());
        S3Configuration s3Config = S3Configuration.builder()
                .pathStyleAccessEnabled(settings.endpoint().isPresent())
                .build();
        var builder = S3Client.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Config)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Config);
        settings.endpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            presignerBuilder.endpointOverride(endpoint);
        });
        this.client = builder.build();
        this.presigner = presignerBuilder.build();
    }

    S3Client client() {
        return client;
    }

    S3Presigner presigner() {
        return presigner;
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            String id = settings.accessKeyId().get();
            String secret = settings.secretAccessKey().get();
            return StaticCredentialsProvider.create(settings.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                            token -> AwsSessionCredentials.create(id, secret, token))
                    .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
        }
        if (settings.profile().isPresent()) {
            return ProfileCredentialsProvider.create(settings.profile().get());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
        http.close();
    }
}
