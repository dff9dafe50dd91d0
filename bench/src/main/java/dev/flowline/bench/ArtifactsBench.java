package dev.flowline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench artifacts}: proxied upload and download of one large file through a {@code flowline server}
 * process with a local-disk destination, next to a plain copy of the same file on the same disk.
 */
@Command(
        name = "artifacts",
        mixinStandardHelpOptions = true,
        description =
                "Artifact proxy upload/download MiB/s against a local-disk destination, next to the raw disk copy rate.")
final class ArtifactsBench implements Callable<Integer> {
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/bench/";

    @Mixin
    ServerOptions server;

    @Option(names = "--size-mib", description = "Size of the file in MiB (default: ${DEFAULT-VALUE})")
    int sizeMiB = 1024;

    @Option(names = "--rounds", description = "Rounds of each measurement (default: ${DEFAULT-VALUE})")
    int rounds = 3;

    @Override
    public Integer call() throws Exception {
        Path dir = server.directory();
        Path source = createSource(dir.resolve("source.bin"));
        List<String> results = new ArrayList<>();
        results.add("| scenario (" + sizeMiB + " MiB file) | median | every round | vs raw copy |");
        results.add("|---|---|---|---|");
        List<Double> raw = Stats.repeat(rounds, () -> mibPerSecond(() -> streamCopy(source, dir.resolve("copy.bin"))));
        results.add(Stats.line(
                "raw disk copy in the kernel (Files.copy, same disk)",
                Stats.repeat(rounds, () -> mibPerSecond(() -> copy(source, dir.resolve("copy.bin")))),
                "MiB/s"));
        results.add(Stats.line("raw disk copy through user space (read/write, 256 KiB buffer)", raw, "MiB/s"));
        try (ServerProcess process =
                        server.start(server.store(dir, "artifacts-bench.db"), dir, dir.resolve("server.log"));
                HttpClient http = HttpClient.newHttpClient()) {
            URI base = server.base();
            List<Double> up = new ArrayList<>();
            List<Double> down = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                URI uri = base.resolve(ARTIFACTS + "file-" + round + ".bin");
                up.add(mibPerSecond(() -> send(
                        http,
                        HttpRequest.newBuilder(uri).PUT(ofFile(source)).build(),
                        HttpResponse.BodyHandlers.discarding())));
                Path downloaded = dir.resolve("downloaded.bin");
                down.add(mibPerSecond(() -> download(http, uri, downloaded)));
                checkSize(downloaded);
                delete(downloaded);
                delete(dir.resolve("artifacts/bench/file-" + round + ".bin"));
            }
            results.add(Stats.line("proxied upload (PUT mlflow-artifacts)", up, "MiB/s") + percent(up, raw));
            results.add(Stats.line("proxied download (GET mlflow-artifacts, to a file)", down, "MiB/s")
                    + percent(down, raw));
            results.add(Stats.line("server RSS after the transfers", List.of(process.rssMiB()), "MiB"));
        } finally {
            delete(source);
        }
        Files.write(dir.resolve("results.md"), results);
        results.forEach(System.out::println);
        System.out.println("Results in " + dir.resolve("results.md"));
        return 0;
    }

    private Path createSource(Path file) throws IOException {
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < sizeMiB; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return file;
    }

    private double mibPerSecond(Runnable transfer) {
        return sizeMiB / (Stats.millis(transfer) / 1000);
    }

    private static void copy(Path source, Path target) {
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            delete(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void streamCopy(Path source, Path target) {
        byte[] buffer = new byte[256 * 1024];
        try (var in = Files.newInputStream(source);
                var out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delete(target);
    }

    private static HttpRequest.BodyPublisher ofFile(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Downloads to a file, writing with the same buffer size as the user-space copy. */
    private static void download(HttpClient http, URI uri, Path target) {
        HttpResponse<java.io.InputStream> response =
                send(http, HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] buffer = new byte[256 * 1024];
        try (var in = response.body();
                var out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpResponse<T> response = http.send(request, handler);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        request.method() + " " + request.uri() + " answered " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void checkSize(Path downloaded) throws IOException {
        if (Files.size(downloaded) != (long) sizeMiB * 1024 * 1024) {
            throw new IllegalStateException("Downloaded " + Files.size(downloaded) + " bytes");
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String percent(List<Double> values, List<Double> raw) {
        return String.format(Locale.ROOT, " %.0f %% of raw copy |", 100 * Stats.median(values) / Stats.median(raw));
    }
}
