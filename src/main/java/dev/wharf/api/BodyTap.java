package dev.wharf.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.function.Consumer;

/**
 * Takes an upload's body out of an HTTP/1.x connection's Netty pipeline in the buffers Netty read it into, just before
 * Vert.x would copy each piece into a fresh heap buffer. While armed, each piece of the body goes to the sink, and
 * Vert.x gets an empty piece in its place: it still sees the body's pieces in order (so its flow control, its end and
 * the next request on the connection work as before), but none of the bytes. The sink owns each buffer it gets and
 * must release it. The tap disarms itself at the body's end.
 *
 * <p>The pieces are the pooled direct buffers the socket was read into: the request thread writes them to the file
 * without a copy into a direct buffer, and no garbage is made per piece (with Vert.x's heap copies, 4 concurrent
 * pushes made 132 young collections per GiB).
 *
 * <p>A body is armed by its own request only: the tap remembers the head of the request whose messages pass now (the
 * headers object Netty decoded, which Vert.x hands out as the request's {@code headers()}) and whether its body has
 * passed whole. Arming for another request's head, or after the body has passed, does nothing, and the body comes
 * through Vert.x as before: so with pipelined requests, and for a connection's first request ({@link BodyTapInstaller}
 * adds the tap then, after that request's head went by).
 *
 * <p>This reaches into Vert.x's pipeline (its handler's name, {@code ConnectionBase#channel}, headers passed through):
 * if a Vert.x upgrade changes them, there is no tap and bodies come through Vert.x ({@code UploadBodyStreamingTest}
 * checks that bodies are tapped).
 */
final class BodyTap extends ChannelInboundHandlerAdapter {
    /** Vert.x's own handler's name in the pipeline; the tap sits just before it. */
    private static final String VERTX_HANDLER = "handler";
    private static final String NAME = "wharf-body-tap";
    /**
     * The largest buffer a read from the socket of a tapped connection may take, where Netty's default stops at
     * 64 KiB: every piece costs a hand-over to the request thread (a lock, a signal, Vert.x's placeholder), so a
     * body read in pieces of up to 1 MiB costs fewer of them. The size still adapts to what each read returns, so a
     * connection that only sends small requests keeps small buffers.
     */
    static final int MAX_READ = 1024 * 1024;
    private static final int MIN_READ = 64;
    private static final int FIRST_READ = 2048;

    // only touched on the connection's event loop
    /** The headers of the request whose messages pass now (null: not seen by the tap). */
    private Object currentHead;
    private boolean currentEnded;
    private Consumer<ByteBuf> sink;

    private BodyTap() {
    }

    /**
     * The tap of a request's HTTP/1.x connection, added before Vert.x's handler if the connection has none yet (and
     * the connection's reads allowed to grow to {@link #MAX_READ}); null
     * where bodies cannot be tapped (HTTP/2, a pipeline not as Vert.x 4 sets it up). Runs on the connection's event loop.
     */
    static BodyTap of(Channel channel) {
        BodyTap tap = (BodyTap) channel.pipeline().get(NAME);
        if (tap == null && channel.pipeline().get(VERTX_HANDLER) != null) {
            tap = new BodyTap();
            channel.pipeline().addBefore(VERTX_HANDLER, NAME, tap);
            channel.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(MIN_READ, FIRST_READ, MAX_READ));
        }
        return tap;
    }

    /** The channel of {@code request}'s connection, if it is an HTTP/1.x connection of Vert.x's; null otherwise. */
    static Channel channel(HttpServerRequest request) {
        return request.version() != HttpVersion.HTTP_2 && request.connection() instanceof ConnectionBase connection
                ? connection.channel() : null;
    }

    /**
     * Sends the rest of the body of the request with these headers to {@code sink}, if that request's messages are
     * passing now and its body has not passed whole; returns whether it did. Runs on the connection's event loop.
     */
    boolean arm(MultiMap head, Consumer<ByteBuf> sink) {
        if (head != currentHead || currentEnded) {
            return false;
        }
        this.sink = sink;
        return true;
    }

    /**
     * Lets the rest of the body through to Vert.x, if {@code owner} still gets it. Runs on the connection's event loop.
     */
    void disarm(Consumer<ByteBuf> owner) {
        if (sink == owner) {
            sink = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            currentHead = request.headers();
            currentEnded = false;
            sink = null;
        }
        if (!(msg instanceof HttpContent content)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            currentEnded = true;
        }
        Consumer<ByteBuf> target = sink;
        if (target == null || !content.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf bytes = content.content();
        HttpContent placeholder;
        if (last) {
            DefaultLastHttpContent end = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            end.trailingHeaders().set(((LastHttpContent) content).trailingHeaders());
            placeholder = end;
            sink = null;
        } else {
            placeholder = new DefaultHttpContent(Unpooled.EMPTY_BUFFER);
        }
        // the sink first: Vert.x hands the placeholder to the body's reader at once, which then takes this piece
        if (bytes.isReadable()) {
            target.accept(bytes);
        } else {
            bytes.release();
        }
        ctx.fireChannelRead(placeholder);
    }
}
