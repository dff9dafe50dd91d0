package dev.flowline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.PlainSocket;
import io.helidon.webserver.spi.ServerConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The channel of a connection is found inside the Helidon on the class path: should a Helidon upgrade move it,
 * downloads would quietly fall back to copying through the response stream, and this test says so.
 */
class ConnectionChannelsTest {
    @Test
    void aConnectionsHandlerSeesTheChannelOfItsPlainSocketAndOnlyWhileHandling() throws Exception {
        try (ServerSocketChannel listener =
                        ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                SocketChannel accepted = listener.accept()) {
            PlainSocket socket = PlainSocket.server(accepted.socket(), "1", "1");
            AtomicReference<Optional<SocketChannel>> seen = new AtomicReference<>();
            ServerConnection connection = ConnectionChannels.bound(new Recording(seen), socket);

            connection.handle((Limit) null);

            assertThat(seen.get()).containsSame(accepted);
            assertThat(ConnectionChannels.current()).isEmpty();
            assertThat(client.isConnected()).isTrue();
        }
    }

    /** A connection whose handling records the channel its handler would see. */
    private record Recording(AtomicReference<Optional<SocketChannel>> seen) implements ServerConnection {
        @Override
        public void handle(Limit limit) {
            seen.set(ConnectionChannels.current());
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {}
    }
}
