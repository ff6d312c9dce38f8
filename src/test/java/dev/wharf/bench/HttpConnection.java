package dev.wharf.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection, used by one thread at a time: a request is written straight from the caller's
 * arrays into the socket and the answer read on the same thread, with no selector thread, no per-request objects
 * beyond the answer, and no copy of a large body. The JDK {@code HttpClient} costs several times the CPU of a
 * registry's answer per request, so on a 2-core machine it was the benchmark's bottleneck. Bodies: fixed length,
 * chunked, or none (HEAD, 204, 304); a {@code Connection: close} answer closes the socket, and the next request opens
 * a new one.
 */
final class HttpConnection implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 120_000;
    private static final int BUFFER = 64 * 1024;

    /** A request body written to the socket as it is. */
    interface Body {
        long length();

        void writeTo(OutputStream out) throws IOException;

        static Body of(byte[] bytes) {
            return of(bytes, 0, bytes.length);
        }

        static Body of(byte[] bytes, int offset, int length) {
            return new Body() {
                @Override
                public long length() {
                    return length;
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    out.write(bytes, offset, length);
                }
            };
        }

        /** {@code first}, then {@code second}. */
        static Body concat(Body first, Body second) {
            return new Body() {
                @Override
                public long length() {
                    return first.length() + second.length();
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    first.writeTo(out);
                    second.writeTo(out);
                }
            };
        }

        Body EMPTY = of(new byte[0]);
    }

    /** An answer: its status, its headers (names in lower case) and its body, or only the body's length. */
    record Answer(int status, Map<String, String> headers, byte[] body, long length) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final URI base;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    HttpConnection(URI base) {
        this.base = base;
    }

    /**
     * Sends {@code method target} with {@code headers} and {@code body}; reads the answer, keeping its body unless
     * {@code discardBody} (then only its length is counted).
     */
    Answer exchange(String method, String target, Map<String, String> headers, Body body, boolean discardBody)
            throws IOException {
        connect();
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: ").append(base.getHost()).append(':').append(base.getPort())
                .append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length() > 0 || method.equals("PUT") || method.equals("POST") || method.equals("PATCH")) {
            head.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        head.append("\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            body.writeTo(out);
            out.flush();
            return read(!method.equals("HEAD"), discardBody);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
        out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
        in = new BufferedInputStream(socket.getInputStream(), BUFFER);
    }

    private Answer read(boolean mayHaveBody, boolean discardBody) throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream kept = discardBody ? null : new ByteArrayOutputStream();
        long length = 0;
        if (mayHaveBody && status != 204 && status != 304) {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    length += copy(size, kept);
                    line();
                }
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used
                }
            } else if (headers.containsKey("content-length")) {
                length = copy(Long.parseLong(headers.get("content-length")), kept);
            }
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Answer(status, headers, kept == null ? new byte[0] : kept.toByteArray(), length);
    }

    private long chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private long copy(long length, ByteArrayOutputStream kept) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("the connection closed " + remaining + " bytes before the body's end");
            }
            if (kept != null) {
                kept.write(buffer, 0, n);
            }
            remaining -= n;
        }
        return length;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed in the middle of an answer's head");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that broke
            }
            socket = null;
        }
    }
}
