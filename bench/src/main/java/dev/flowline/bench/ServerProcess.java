package dev.flowline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code flowline server} running as its own process, as in production: how long it takes to answer
 * {@code /health}, and its resident memory from {@code /proc}.
 */
public final class ServerProcess implements AutoCloseable {
    /** Pause between /health polls while the server starts: the start-up figure's resolution. */
    private static final long POLL_MILLIS = 5;

    private final Process process;
    private final double startMillis;

    private ServerProcess(Process process, double startMillis) {
        this.process = process;
        this.startMillis = startMillis;
    }

    /**
     * Starts the command (which must exec the JVM, as the {@code flowline} script does, so that its process is the
     * server's) and waits for {@code /health} to answer 200.
     */
    public static ServerProcess start(List<String> command, String javaOpts, URI base, Path log) {
        long begin = System.nanoTime();
        Process process;
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("FLOWLINE_JAVA_OPTS", javaOpts);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Api api = new Api(base);
        while (api.status("/health") != 200) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() - begin > TimeUnit.SECONDS.toNanos(120)) {
                process.destroyForcibly();
                throw new IllegalStateException("The server did not answer /health within 120 s; see " + log);
            }
            // Polling without a pause kept one of the machine's two cores busy while the server started on them.
            sleep(POLL_MILLIS);
        }
        return new ServerProcess(process, (System.nanoTime() - begin) / 1e6);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the server to start", e);
        }
    }

    /** Milliseconds from starting the process to the first 200 from {@code /health}. */
    public double startMillis() {
        return startMillis;
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /** Current resident memory in MiB. */
    public double rssMiB() {
        return status("VmRSS:");
    }

    /** Highest resident memory so far in MiB. */
    public double peakRssMiB() {
        return status("VmHWM:");
    }

    private double status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(field + " not found for process " + process.pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
