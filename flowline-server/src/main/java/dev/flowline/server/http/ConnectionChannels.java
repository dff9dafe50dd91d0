package dev.flowline.server.http;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PlainSocket;
import io.helidon.webserver.spi.ServerConnection;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * The socket channel of the connection whose request the current thread is handling, so that a handler can send a
 * file with the kernel's {@code sendfile} instead of copying it through Helidon's response stream. Helidon 4.5 keeps
 * the channel inside its plain (non-TLS) socket without an accessor; it is read once per connection, and a socket
 * of any other kind (TLS) or a Helidon without that field has no channel here: callers then use the stream.
 */
public final class ConnectionChannels {
    private static final System.Logger LOG = System.getLogger(ConnectionChannels.class.getName());
    private static final ThreadLocal<SocketChannel> CURRENT = new ThreadLocal<>();
    private static final MethodHandle PLAIN_SOCKET = plainSocketGetter();

    private ConnectionChannels() {}

    /** The current connection's channel, while a handler runs on a plain socket connection. */
    public static Optional<SocketChannel> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * The connection, handling its requests with its socket's channel as {@link #current()}: Helidon handles all of a
     * connection's requests on the thread that calls {@code handle}.
     */
    static ServerConnection bound(ServerConnection connection, HelidonSocket socket) {
        SocketChannel channel = channelOf(socket);
        return channel == null ? connection : new Bound(connection, channel);
    }

    private static SocketChannel channelOf(HelidonSocket socket) {
        if (PLAIN_SOCKET == null || !(socket instanceof PlainSocket plain)) {
            return null;
        }
        try {
            return ((Socket) PLAIN_SOCKET.invoke(plain)).getChannel();
        } catch (Throwable e) {
            return null;
        }
    }

    private static MethodHandle plainSocketGetter() {
        try {
            return MethodHandles.privateLookupIn(PlainSocket.class, MethodHandles.lookup())
                    .findGetter(PlainSocket.class, "delegate", Socket.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Downloads are copied through the response stream: " + e);
            return null;
        }
    }

    private record Bound(ServerConnection delegate, SocketChannel channel) implements ServerConnection {
        @Override
        public void handle(Limit limit) throws InterruptedException {
            CURRENT.set(channel);
            try {
                delegate.handle(limit);
            } finally {
                CURRENT.remove();
            }
        }

        @Override
        public Duration idleTime() {
            return delegate.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            delegate.close(interrupt);
        }
    }
}
