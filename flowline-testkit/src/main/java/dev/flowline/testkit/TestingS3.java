package dev.flowline.testkit;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server in this JVM (S3Proxy on an in-memory blob store, on a free loopback port) with one fresh
 * bucket; {@link #settings()} are the variables a Flowline server would read to reach it.
 */
public final class TestingS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "flowline-access";
    public static final String SECRET_KEY = "flowline-secret-key";

    private final S3Proxy proxy;
    private final String bucket;
    private final URI endpoint;
    private final S3Client client;

    public TestingS3() {
        try {
            proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        bucket = "flowline-" + UUID.randomUUID().toString().substring(0, 8);
        client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        client.createBucket(b -> b.bucket(bucket));
    }

    public URI endpoint() {
        return endpoint;
    }

    public String bucket() {
        return bucket;
    }

    /** {@code s3://<bucket>/<prefix>}. */
    public String uri(String prefix) {
        return "s3://" + bucket + "/" + prefix;
    }

    /** A plain S3 client on this server, for checking what tests stored. */
    public S3Client client() {
        return client;
    }

    /** MLflow's variables pointing at this server. */
    public Map<String, String> settings() {
        return Map.of(
                "MLFLOW_S3_ENDPOINT_URL",
                endpoint.toString(),
                "AWS_ACCESS_KEY_ID",
                ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY",
                SECRET_KEY,
                "AWS_DEFAULT_REGION",
                "us-east-1");
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
