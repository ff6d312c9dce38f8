package dev.wharf.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of an HTTP/1.1 server that records every request line ({@code METHOD target}) it forwards.
 * Bytes pass unchanged in both directions, {@code Host} included, so AWS SigV4 signatures stay valid; only the
 * request framing is read (headers, then a {@code Content-Length} or chunked body) to find where the next request on
 * a keep-alive connection starts. A request is recorded when its headers arrive, so once a client has its answer,
 * every request made for it is in {@link #requests()}.
 */
public final class CountingHttpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final URI target;
    private final List<String> requests = new ArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private CountingHttpProxy(ServerSocket server, URI target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on a free loopback port and forwards to {@code target} ({@code http://host:port}). */
    public static CountingHttpProxy start(URI target) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CountingHttpProxy proxy = new CountingHttpProxy(server, target);
            Thread acceptor = new Thread(proxy::accept, "counting-proxy-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint to give clients in place of the target. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public URI target() {
        return target;
    }

    /** The request lines recorded since the start or the last {@link #reset()}, in arrival order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * A request line with digests, their two-character directories, upload ids, multipart upload ids, part numbers
     * and presigning parameters elided, so that requests of the same kind read alike.
     */
    public static String shape(String request) {
        return request.replaceAll("[0-9a-f]{64}", "<hex>").replaceAll("/[0-9a-f]{2}/", "/<2>/")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("uploadId=[^&]+", "uploadId=<u>").replaceAll("partNumber=\\d+", "partNumber=<n>")
                .replaceAll("X-Amz-[^&]+&?", "");
    }

    public synchronized void reset() {
        requests.clear();
    }

    private synchronized void record(String requestLine) {
        requests.add(requestLine);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                daemon(() -> forwardRequests(client, upstream), "requests");
                daemon(() -> pipe(upstream, client), "responses");
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("counting proxy: " + e);
                }
            }
        }
    }

    private static void daemon(Runnable body, String role) {
        Thread thread = new Thread(body, "counting-proxy-" + role);
        thread.setDaemon(true);
        thread.start();
    }

    /** Client to server: one request after another, each recorded, forwarded byte for byte. */
    private void forwardRequests(Socket client, Socket upstream) {
        try (client; upstream) {
            // buffered: request heads are parsed a byte at a time, and unbuffered each byte was a read(2), ~22 s of
            // CPU in a full benchmark run on S3, on the 2 cores the servers measured there share
            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            OutputStream out = upstream.getOutputStream();
            while (true) {
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                if (!readHead(in, head)) {
                    return;
                }
                List<String> lines = head.toString(StandardCharsets.ISO_8859_1).lines().toList();
                record(lines.get(0).substring(0, lines.get(0).lastIndexOf(' ')));
                head.writeTo(out);
                long length = 0;
                boolean chunked = false;
                for (String line : lines.subList(1, lines.size())) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = line.substring(colon + 1).trim();
                    if (name.equals("content-length")) {
                        length = Long.parseLong(value);
                    } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                        chunked = true;
                    }
                }
                if (chunked) {
                    copyChunked(in, out);
                } else {
                    copy(in, out, length);
                }
                out.flush();
            }
        } catch (IOException e) {
            // the connection ended
        }
    }

    /** Reads up to and including the blank line; false at a clean end of stream before a request. */
    private static boolean readHead(InputStream in, ByteArrayOutputStream head) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return false;
                }
                throw new IOException("connection closed inside request headers");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return true;
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in, out);
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                // trailers, then the blank line
                while (!readLine(in, out).isEmpty()) {
                    // forwarded by readLine
                }
                return;
            }
            copy(in, out, size);
            readLine(in, out);
        }
    }

    /** Reads and forwards one CRLF-terminated line; returns it without the CRLF. */
    private static String readLine(InputStream in, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            out.write(b);
            if (b == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1
                        : line.length();
                return line.substring(0, end);
            }
            line.append((char) b);
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (length > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
            if (n < 0) {
                throw new IOException("connection closed inside a body");
            }
            out.write(buffer, 0, n);
            length -= n;
        }
    }

    /** Server to client: raw bytes. */
    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // the connection ended
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
