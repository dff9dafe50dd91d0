package dev.flowline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.PlainSocket;
import io.helidon.common.socket.TlsSocket;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.spi.ServerConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel of a connection is found inside the Helidon on the class path: should a Helidon upgrade move it,
 * downloads would quietly fall back to copying through the response stream, and this test says so. A TLS socket
 * never gets one, as bytes written to it directly would bypass the encryption.
 */
@Timeout(60)
class ConnectionChannelsTest {
    private ServerSocketChannel listener;
    private SocketChannel client;
    private SocketChannel accepted;

    @BeforeEach
    void connect() throws Exception {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(listener.getLocalAddress());
        accepted = listener.accept();
    }

    @AfterEach
    void close() throws Exception {
        accepted.close();
        client.close();
        listener.close();
    }

    @Test
    void aConnectionsHandlerSeesTheChannelOfItsPlainSocketAndOnlyWhileHandling() throws Exception {
        AtomicReference<Optional<SocketChannel>> seen = new AtomicReference<>();
        ServerConnection connection =
                ConnectionChannels.bound(new Recording(seen), PlainSocket.server(accepted.socket(), "1", "1"));

        connection.handle((Limit) null);

        assertThat(seen.get()).containsSame(accepted);
        assertThat(ConnectionChannels.current()).isEmpty();
        assertThat(((InterruptableTask<?>) connection).canInterrupt())
                .as("Helidon may still interrupt the connection at shutdown")
                .isTrue();
    }

    @Test
    void aTlsConnectionHasNoChannel(@TempDir Path directory) throws Exception {
        SSLContext tls = selfSignedContext(directory.resolve("server.p12"));
        int port = accepted.socket().getPort();
        SSLSocket serverSide =
                (SSLSocket) tls.getSocketFactory().createSocket(accepted.socket(), "localhost", port, false);
        serverSide.setUseClientMode(false);
        SSLSocket clientSide =
                (SSLSocket) tls.getSocketFactory().createSocket(client.socket(), "localhost", port, false);
        CompletableFuture<Void> handshake = CompletableFuture.runAsync(() -> {
            try {
                clientSide.startHandshake();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        TlsSocket socket = TlsSocket.server(serverSide, "1", "1");
        handshake.get(30, TimeUnit.SECONDS);
        Recording recording = new Recording(new AtomicReference<>());

        assertThat(ConnectionChannels.bound(recording, socket)).isSameAs(recording);
    }

    /** A TLS context that trusts the one key pair it serves, made with the JDK's keytool. */
    private static SSLContext selfSignedContext(Path keyStore) throws Exception {
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=localhost",
                        "-validity",
                        "1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass",
                        new String(password))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(keytool.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** A connection whose handling records the channel its handler would see. */
    private record Recording(AtomicReference<Optional<SocketChannel>> seen)
            implements ServerConnection, InterruptableTask<Void> {
        @Override
        public void handle(Limit limit) {
            seen.set(ConnectionChannels.current());
        }

        @Override
        public boolean canInterrupt() {
            return true;
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {}
    }
}
