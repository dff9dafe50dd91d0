package dev.flowline.artifacts.s3;

import dev.flowline.core.error.FlowlineException;

/**
 * A parsed {@code s3://bucket/prefix} URI and the object keys under it.
 *
 * @param bucket the bucket
 * @param prefix the key prefix without leading or trailing '/', "" for the bucket's root
 */
record S3Location(String bucket, String prefix) {

    static S3Location parse(String uri) {
        if (!uri.regionMatches(true, 0, "s3://", 0, 5)) {
            throw FlowlineException.invalidParameter("Not an S3 URI: '%s'", uri);
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw FlowlineException.invalidParameter("S3 URI '%s' names no bucket", uri);
        }
        String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        return new S3Location(bucket, prefix);
    }

    /** The object key of a path relative to the prefix ("" is the prefix itself). */
    String key(String path) {
        if (path.isEmpty()) {
            return prefix;
        }
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    /** The key prefix that lists everything under a path. */
    String directoryPrefix(String path) {
        String key = key(path);
        return key.isEmpty() ? "" : key + "/";
    }

    /** The path relative to this location's prefix of an object key under it. */
    String relativePath(String key) {
        return trimSlashes(prefix.isEmpty() ? key : key.substring(Math.min(prefix.length() + 1, key.length())));
    }

    String uri() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private static String trimSlashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '/') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(start, end);
    }
}
