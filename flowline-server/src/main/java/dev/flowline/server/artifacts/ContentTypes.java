package dev.flowline.server.artifacts;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Set;

/**
 * The Content-Type of a downloaded artifact, guessed from its name as MLflow does: text-like files
 * (logs, configs, JSON, YAML, code, MLmodel, MLproject) are {@code text/plain}; others by extension;
 * unknown ones {@code application/octet-stream}.
 */
final class ContentTypes {
    private static final Set<String> TEXT = Set.of(
            "txt",
            "log",
            "err",
            "cfg",
            "conf",
            "cnf",
            "cf",
            "ini",
            "properties",
            "prop",
            "hocon",
            "toml",
            "yaml",
            "yml",
            "xml",
            "json",
            "js",
            "py",
            "py3",
            "csv",
            "tsv",
            "md",
            "rst",
            "mlmodel",
            "mlproject");

    private ContentTypes() {}

    static String of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = (dot < 0 ? name : name.substring(dot + 1)).toLowerCase(Locale.ROOT);
        if (TEXT.contains(extension)) {
            return "text/plain";
        }
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(name);
        return guessed == null ? "application/octet-stream" : guessed;
    }
}
