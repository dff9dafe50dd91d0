package dev.flowline.artifacts.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowline.core.error.FlowlineException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * {@code MLFLOW_S3_UPLOAD_EXTRA_ARGS}: a JSON object of boto3 upload arguments, e.g.
 * {@code {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "…"}}. The arguments that make sense for every
 * object are supported; anything else is refused when the settings are read, not silently dropped.
 */
public record UploadExtraArgs(Map<String, String> values) {
    static final UploadExtraArgs NONE = new UploadExtraArgs(Map.of());
    private static final Set<String> SUPPORTED = Set.of(
            "ServerSideEncryption",
            "SSEKMSKeyId",
            "ACL",
            "StorageClass",
            "CacheControl",
            "ContentEncoding",
            "ContentDisposition");

    public UploadExtraArgs {
        values = Map.copyOf(values);
    }

    static UploadExtraArgs parse(String json) {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw FlowlineException.invalidParameter("MLFLOW_S3_UPLOAD_EXTRA_ARGS is not valid JSON: %s", json);
        }
        if (node == null || !node.isObject()) {
            throw FlowlineException.invalidParameter("MLFLOW_S3_UPLOAD_EXTRA_ARGS must be a JSON object: %s", json);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var field : node.properties()) {
            if (!SUPPORTED.contains(field.getKey()) || !field.getValue().isTextual()) {
                throw FlowlineException.invalidParameter(
                        "MLFLOW_S3_UPLOAD_EXTRA_ARGS: unsupported argument '%s' (supported, as strings: %s)",
                        field.getKey(), new java.util.TreeSet<>(SUPPORTED));
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return new UploadExtraArgs(values);
    }

    PutObjectRequest.Builder applyTo(PutObjectRequest.Builder request) {
        values.forEach((name, value) -> {
            switch (name) {
                case "ServerSideEncryption" -> request.serverSideEncryption(value);
                case "SSEKMSKeyId" -> request.ssekmsKeyId(value);
                case "ACL" -> request.acl(value);
                case "StorageClass" -> request.storageClass(value);
                case "CacheControl" -> request.cacheControl(value);
                case "ContentEncoding" -> request.contentEncoding(value);
                default -> request.contentDisposition(value);
            }
        });
        return request;
    }

    CreateMultipartUploadRequest.Builder applyTo(CreateMultipartUploadRequest.Builder request) {
        PutObjectRequest put = applyTo(PutObjectRequest.builder()).build();
        return request.serverSideEncryption(put.serverSideEncryptionAsString())
                .ssekmsKeyId(put.ssekmsKeyId())
                .acl(put.aclAsString())
                .storageClass(put.storageClassAsString())
                .cacheControl(put.cacheControl())
                .contentEncoding(put.contentEncoding())
                .contentDisposition(put.contentDisposition());
    }
}
