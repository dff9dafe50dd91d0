package dev.flowline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench artifacts}: proxied upload and download of one large file through a {@code flowline server}
 * process with a local-disk destination, next to a raw copy of the same file on the same disk and a raw transfer of it
 * through a loopback TCP connection into a new file.
 *
 * <p>The raw copy reads the source and writes a new file through user space with the same direct buffer the
 * client downloads with. Each round runs every scenario once, in turn, so machine noise hits them alike; before
 * each timed transfer {@code sync} writes back all dirty pages (untimed), so every transfer starts with the
 * source in the page cache and nothing waiting for the disk, and each transfer's output is deleted before the
 * next one; unless {@code --no-prime}, a scratch file as large as the output is written and deleted just before,
 * so that the transfer writes into memory just used (see {@link #prime}). Warm-up rounds come first and are not counted. With {@code --durable} every timed transfer also ends with an {@code fdatasync} of the file it wrote.
 */
@Command(
        name = "artifacts",
        mixinStandardHelpOptions = true,
        description =
                "Artifact proxy upload/download MiB/s against a local-disk destination, next to the raw disk copy rate.")
final class ArtifactsBench implements Callable<Integer> {
    private static final int BUFFER_BYTES = 256 * 1024;

    @Mixin
    ServerOptions server;

    @Option(names = "--size-mib", description = "Size of the file in MiB (default: ${DEFAULT-VALUE})")
    int sizeMiB = 1024;

    @Option(names = "--rounds", description = "Rounds of each measurement (default: ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(
            names = "--warmup-rounds",
            description = "Rounds run first and not counted: the JIT compiles the copy loops, and the memory the page "
                    + "cache will use is touched once (default: ${DEFAULT-VALUE})")
    int warmupRounds = 1;

    @Option(
            names = "--durable",
            description = "End every timed transfer with an fdatasync of the file it wrote (default: page cache only)")
    boolean durable;

    @Option(
            names = "--prime",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Before each timed transfer, write and delete a scratch file of the same size (untimed), so "
                    + "that every transfer writes into memory the system has just used (default: ${DEFAULT-VALUE})")
    boolean prime;

    @Override
    public Integer call() throws Exception {
        Path dir = server.directory();
        Path source = createSource(dir.resolve("source.bin"));
        Path copy = dir.resolve("copy.bin");
        Path downloaded = dir.resolve("downloaded.bin");
        Series kernel = new Series("raw disk copy in the kernel (copy_file_range via Files.copy, same disk)");
        Series raw = new Series("raw disk copy through user space (read/write, 256 KiB direct buffer, same disk)");
        Series socket = new Series("raw socket transfer (sendfile to loopback TCP, read into a new file, no HTTP)");
        Series up = new Series("proxied upload (PUT mlflow-artifacts, sendfile from the file)");
        Series down = new Series("proxied download (GET mlflow-artifacts, to a file through a 256 KiB direct buffer)");
        List<String> results = new ArrayList<>();
        try (ServerProcess process =
                        server.start(server.store(dir, "artifacts-bench.db"), dir, dir.resolve("server.log"));
                ArtifactProxyClient client = new ArtifactProxyClient(server.base(), BUFFER_BYTES);
                FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            for (int round = -warmupRounds; round < rounds; round++) {
                boolean counted = round >= 0;
                String name = "bench/file-" + (round + warmupRounds) + ".bin";
                Path stored = dir.resolve("artifacts").resolve(name);
                kernel.add(
                        counted,
                        measure(process, copy, () -> Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING)));
                Files.delete(copy);
                raw.add(counted, measure(process, copy, () -> userSpaceCopy(in, copy)));
                Files.delete(copy);
                socket.add(counted, measure(process, copy, () -> socketCopy(in, copy)));
                Files.delete(copy);
                up.add(counted, measure(process, stored, () -> client.upload(name, in)));
                down.add(counted, measure(process, downloaded, () -> download(client, name, downloaded)));
                verify(source, downloaded);
                Files.delete(downloaded);
                Files.delete(stored);
            }
            results.add(String.format(
                    Locale.ROOT,
                    "%d rounds (after %d not counted) of a %d MiB file, %s; load average before / after: %s / %s",
                    rounds,
                    warmupRounds,
                    sizeMiB,
                    durable ? "each transfer ending with fdatasync" : "to the page cache",
                    kernel.load,
                    loadAverage()));
            results.add("");
            results.add("| scenario | median | every round | vs raw user-space copy | vs raw socket transfer | "
                    + "CPU s/GiB: client (user+sys) | server (user+sys) |");
            results.add("|---|---|---|---|---|---|---|");
            for (Series series : List.of(kernel, raw, socket, up, down)) {
                results.add(series.line(raw, socket));
            }
            results.add("");
            results.add(String.format(Locale.ROOT, "server RSS after the transfers: %.0f MiB", process.rssMiB()));
        } finally {
            Files.deleteIfExists(source);
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

    /** Times one transfer that writes {@code output}, with the CPU the client and the server spent on it. */
    private Measurement measure(ServerProcess process, Path output, Transfer transfer) throws IOException {
        if (prime) {
            prime(server.directory().resolve("prime.bin"));
        }
        settle();
        CpuTimes client = CpuTimes.self();
        CpuTimes server = CpuTimes.of(process.pid());
        long start = System.nanoTime();
        transfer.run();
        if (durable) {
            try (FileChannel written = FileChannel.open(output, StandardOpenOption.WRITE)) {
                written.force(false);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measurement(
                sizeMiB / seconds,
                CpuTimes.self().minus(client),
                CpuTimes.of(process.pid()).minus(server));
    }

    /**
     * Writes a scratch file as large as a transfer's output and deletes it, unwritten to disk. On a virtual machine
     * whose memory balloon takes free memory back after a few seconds (free page reporting), writing into memory
     * freed longer ago costs several times the CPU (2 s instead of 0.25 s of system time per GiB, measured with
     * {@code dd} here); the memory this frees is what the next transfer's page cache gets, so every scenario starts
     * alike whatever ran before it.
     */
    private void prime(Path scratch) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(BUFFER_BYTES);
        try (FileChannel out = FileChannel.open(
                scratch, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (long written = 0; written < (long) sizeMiB << 20; ) {
                written += out.write(zeros.clear());
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** Writes back every dirty page so that no transfer pays for the previous one's writes. */
    private static void settle() throws IOException {
        try {
            int exit = new ProcessBuilder("sync").inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IOException("sync exited with " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void userSpaceCopy(FileChannel in, Path target) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long position = 0; in.read(buffer, position) > 0; ) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    position += out.write(buffer);
                }
                buffer.clear();
            }
        }
    }

    /**
     * The source sent through a loopback TCP connection with {@code sendfile} and written to a new file by a second
     * thread through the same direct buffer: what any transfer through a socket costs on this machine before HTTP,
     * the ceiling of the proxy's uploads and downloads.
     */
    private static void socketCopy(FileChannel in, Path target) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel sender = SocketChannel.open(listener.getLocalAddress());
                    SocketChannel receiver = listener.accept()) {
                send(in, sender, receiver, target);
            }
        }
    }

    private static void send(FileChannel in, SocketChannel sender, SocketChannel receiver, Path target)
            throws IOException {
        CompletableFuture<Void> received = new CompletableFuture<>();
        Thread.ofPlatform().name("socket-copy-receiver").start(() -> {
            try {
                receive(receiver, target);
                received.complete(null);
            } catch (IOException | RuntimeException e) {
                received.completeExceptionally(e);
                // Closed, so that the sender fails instead of waiting forever for a full socket to drain.
                closeQuietly(receiver);
            }
        });
        try {
            long size = in.size();
            for (long position = 0; position < size; ) {
                position += in.transferTo(position, size - position, sender);
            }
            sender.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            closeQuietly(receiver);
            if (received.isCompletedExceptionally()) {
                received.join(); // the receiver's failure, which made this one
            }
            throw e;
        }
        received.join();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is only to unblock the other side; the failure that led here is the one reported.
        }
    }

    private static void receive(SocketChannel receiver, Path target) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (receiver.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
        }
    }

    private static void download(ArtifactProxyClient client, String name, Path target) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            client.download(name, out);
        }
    }

    /** The downloaded bytes must be the source's (checked untimed). */
    private static void verify(Path source, Path downloaded) throws IOException {
        long mismatch = Files.mismatch(source, downloaded);
        if (mismatch != -1) {
            throw new IllegalStateException("The download differs from the source at byte " + mismatch);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Transfer {
        void run() throws IOException;
    }

    private record Measurement(double mibPerSecond, CpuTimes client, CpuTimes server) {}

    /** One scenario's rounds. */
    private final class Series {
        private final String name;
        private final List<Double> rates = new ArrayList<>();
        private final String load = loadAverage();
        private CpuTimes client = new CpuTimes(0, 0);
        private CpuTimes server = new CpuTimes(0, 0);

        Series(String name) {
            this.name = name;
        }

        void add(boolean counted, Measurement measurement) {
            if (!counted) {
                return;
            }
            rates.add(measurement.mibPerSecond());
            client = client.plus(measurement.client());
            server = server.plus(measurement.server());
        }

        String line(Series raw, Series socket) {
            double gib = rates.size() * sizeMiB / 1024.0;
            return Stats.line(name, rates, "MiB/s")
                    + String.format(
                            Locale.ROOT,
                            " %.0f %% | %.0f %% | %.2f + %.2f | %.2f + %.2f |",
                            100 * Stats.median(rates) / Stats.median(raw.rates),
                            100 * Stats.median(rates) / Stats.median(socket.rates),
                            client.user() / gib,
                            client.system() / gib,
                            server.user() / gib,
                            server.system() / gib);
        }
    }
}
