package dev.flowline.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Set;

/**
 * Helidon's HTTP/1.1 connections, reading the socket in pieces of up to {@link SocketReads#READ_BYTES} instead
 * of Helidon's fixed 8 KiB. Parsing, keep-alive, pipelining, 100-continue, chunked bodies, limits and error
 * answers stay Helidon's own: only the source of the connection's bytes changes. An upload of 1 GiB took
 * 131,072 read calls, which cost most of the server's CPU; it now takes about 8,192.
 */
public final class LargeReadHttp1Selector implements ServerConnectionSelector {
    private final ServerConnectionSelector http1;

    private LargeReadHttp1Selector(ServerConnectionSelector http1) {
        this.http1 = http1;
    }

    /** HTTP/1.1 with the given protocol settings; no protocol upgrades (as none is on the class path). */
    public static LargeReadHttp1Selector create(Http1Config config) {
        return new LargeReadHttp1Selector(
                Http1ConnectionSelector.builder().config(config).build());
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        return http1.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        ServerConnection connection = http1.connection(new LargeReadConnectionContext(ctx));
        // With a write queue, Helidon writes responses on another thread: a file sent to the channel could overtake
        // the headers. Flowline keeps Helidon's default of none.
        return ctx.listenerContext().config().writeQueueLength() <= 0
                ? ConnectionChannels.bound(connection, ctx.serverSocket())
                : connection;
    }
}
