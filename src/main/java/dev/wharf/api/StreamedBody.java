package dev.wharf.api;

import dev.wharf.store.ChunkSource;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An upload's request body taken straight from the connection, for the request thread that stores it. The event loop
 * queues each piece as it arrives and keeps reading the socket while the request thread writes and hashes earlier
 * ones, pausing the connection only when {@link #HIGH_WATER} bytes wait (resumed below {@link #LOW_WATER}), so memory
 * stays bounded per upload. Quarkus REST's own {@code InputStream} fetches one piece at a time: each 64 KiB cost a
 * round trip between the two threads, and each piece was copied once more into the reader's array.
 *
 * <p>On HTTP/1.x the pieces are Netty's own (pooled, direct) buffers, taken by a {@link BodyTap} before Vert.x copies
 * them: what Vert.x had already queued before the tap was armed arrives first as its heap copies, then each empty
 * piece Vert.x delivers in place of a tapped one stands for the next tapped piece, so the order is the connection's,
 * and Vert.x's pause still stops the socket (it holds at most 8 pieces before it does). Every tapped buffer is
 * released once the request thread is done with it, or when the rest of the body is discarded.
 */
final class StreamedBody extends InputStream implements ChunkSource {
    /** A few of the largest pieces the socket is read in ({@link BodyTap#MAX_READ}). */
    static final int HIGH_WATER = 4 * BodyTap.MAX_READ;
    static final int LOW_WATER = BodyTap.MAX_READ;
    /** How long the request thread waits for the next piece before giving the upload up. */
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(2);

    /** A piece of the body, and the Netty buffer holding it when it was tapped (null: a Vert.x heap copy). */
    private record Piece(ByteBuffer bytes, ByteBuf owner) {
        void release() {
            if (owner != null) {
                owner.release();
            }
        }
    }

    private final HttpServerRequest request;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
    /** Pieces the tap took whose placeholder Vert.x has not delivered yet. */
    private final ArrayDeque<ByteBuf> tapped = new ArrayDeque<>();
    private final Consumer<ByteBuf> sink = this::tap;
    /** The connection, when the body may be tapped; null otherwise. */
    private Channel channel;
    /** The tap armed for this body (event loop only); null when the body comes through Vert.x. */
    private BodyTap tap;
    private long queued;
    private long tappedBytes;
    private boolean paused;
    private boolean ended;
    private Throwable failure;
    /** The piece the request thread holds (request thread only). */
    private Piece current;

    private StreamedBody(HttpServerRequest request) {
        this.request = request;
    }

    /**
     * Starts taking the body of {@code request} (paused by Quarkus REST until now, so nothing is lost), answering
     * {@code Expect: 100-continue} first, since the client waits for it before sending.
     */
    static StreamedBody of(HttpServerRequest request) {
        StreamedBody body = new StreamedBody(request);
        if (request.isEnded()) {
            body.ended = true;
            return body;
        }
        if (HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(request.getHeader(HttpHeaderNames.EXPECT))) {
            request.response().writeContinue();
        }
        body.channel = BodyTap.channel(request);
        body.onEventLoop(body::listen);
        return body;
    }

    /**
     * Runs {@code task} on the connection's event loop when the body may be tapped (in order with this body's other
     * tasks), at once otherwise.
     */
    private void onEventLoop(Runnable task) {
        if (channel == null) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /** Starts receiving: arms the tap if the body can be tapped, then lets Vert.x deliver. */
    private void listen() {
        lock.lock();
        try {
            if (ended) { // discarded before this ran: discardRest's own task lets the rest through
                return;
            }
        } finally {
            lock.unlock();
        }
        if (channel != null) {
            BodyTap connectionTap = BodyTap.of(channel);
            if (connectionTap != null && connectionTap.arm(request.headers(), sink)) {
                tap = connectionTap;
            }
        }
        request.handler(this::receive);
        request.endHandler(ignored -> end(null));
        request.exceptionHandler(this::end);
        request.resume();
        if (request.response().closed()) {
            // closed before the handlers were set: Vert.x told whoever listened then, not us
            end(new IOException("the connection was closed"));
        }
    }

    /** How many bytes of the body were tapped (taken before Vert.x, which does not count them as read). */
    long tappedBytes() {
        lock.lock();
        try {
            return tappedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Drops whatever of the body is still to come (an upload refused before its end), keeping the connection. */
    void discardRest() {
        boolean wasEnded;
        lock.lock();
        try {
            wasEnded = ended;
            ended = true;
            releaseAll();
        } finally {
            lock.unlock();
        }
        if (!wasEnded) { // (at the body's end, the tap has disarmed itself)
            onEventLoop(this::letRestThrough);
        }
    }

    /** Reads and drops the rest of the body. */
    private void letRestThrough() {
        if (tap != null) {
            tap.disarm(sink);
        }
        try {
            request.handler(ignored -> { });
            request.resume();
        } catch (IllegalStateException endedMeanwhile) {
            // Vert.x delivered the end meanwhile: nothing is left to discard
        }
    }

    /** Releases every tapped buffer this body still holds. Under the lock. */
    private void releaseAll() {
        if (current != null) {
            current.release();
            current = null;
        }
        pieces.forEach(Piece::release);
        pieces.clear();
        tapped.forEach(ByteBuf::release);
        tapped.clear();
        queued = 0;
    }

    /** A piece the tap took (event loop); its place in the body comes with Vert.x's placeholder. */
    private void tap(ByteBuf piece) {
        lock.lock();
        try {
            if (ended) {
                piece.release();
            } else {
                tappedBytes += piece.readableBytes();
                tapped.add(piece);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A piece from Vert.x (event loop): its copy of an untapped piece, or an empty placeholder of a tapped one. */
    private void receive(Buffer buffer) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            if (buffer.length() > 0) {
                add(new Piece(buffer.getByteBuf().nioBuffer(), null));
            } else {
                ByteBuf next = tapped.poll();
                if (next != null) {
                    add(new Piece(next.nioBuffer(), next));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues a piece for the request thread. Under the lock. */
    private void add(Piece piece) {
        pieces.add(piece);
        queued += piece.bytes.remaining();
        if (queued >= HIGH_WATER && !paused) {
            paused = true;
            request.pause();
        }
        arrived.signal();
    }

    private void end(Throwable error) {
        lock.lock();
        try {
            if (!ended) {
                // every placeholder came before the end; a tapped piece still waiting had an empty one of its own
                while (error == null && !tapped.isEmpty()) {
                    ByteBuf next = tapped.poll();
                    add(new Piece(next.nioBuffer(), next));
                }
                ended = true;
                failure = error;
            }
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ByteBuffer nextChunk() throws IOException {
        boolean resume = false;
        Piece piece;
        lock.lock();
        try {
            if (current != null) {
                current.release();
                current = null;
            }
            long wait = IDLE_NANOS;
            while (pieces.isEmpty() && !ended) {
                if (wait <= 0) {
                    throw new IOException("no part of the request body arrived for "
                            + TimeUnit.NANOSECONDS.toSeconds(IDLE_NANOS) + " s");
                }
                wait = arrived.awaitNanos(wait);
            }
            piece = pieces.poll();
            if (piece == null) {
                if (failure != null) {
                    throw new IOException("the request body was cut off: " + failure.getMessage(), failure);
                }
                return null;
            }
            current = piece;
            queued -= piece.bytes.remaining();
            if (paused && queued <= LOW_WATER) {
                paused = false;
                resume = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the request body");
        } finally {
            lock.unlock();
        }
        if (resume) {
            request.resume();
        }
        return piece.bytes;
    }

    @Override
    public int read() throws IOException {
        ByteBuffer bytes = readable();
        return bytes == null ? -1 : bytes.get() & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        ByteBuffer bytes = readable();
        if (bytes == null) {
            return -1;
        }
        int n = Math.min(length, bytes.remaining());
        bytes.get(buffer, offset, n);
        return n;
    }

    /** The current piece with bytes left in it, taking the next one when it is used up; null at the end. */
    private ByteBuffer readable() throws IOException {
        ByteBuffer bytes = current == null ? null : current.bytes;
        while (bytes == null || !bytes.hasRemaining()) {
            bytes = nextChunk();
            if (bytes == null) {
                return null;
            }
        }
        return bytes;
    }
}
