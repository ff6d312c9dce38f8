package dev.wharf.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that sends a request byte for byte: the request line as given (no normalisation or escaping of
 * the target, unlike REST Assured and Apache), the headers as given, and a {@code Content-Length} that may be wrong or
 * missing on purpose. It reads one answer: status, headers and body (fixed length, chunked, or up to the close).
 */
public final class RawHttp {
    private static final int TIMEOUT_MILLIS = 15_000;

    private final String method;
    private final String target;
    private final List<String> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private String contentLength;
    private boolean halfClose;

    private RawHttp(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** A request with {@code Host: localhost} and {@code Connection: close}; the target is sent exactly as given. */
    public static RawHttp request(String method, String target) {
        return new RawHttp(method, target).header("Host", "localhost").header("Connection", "close");
    }

    /** A request with no header at all (not even {@code Host}). */
    public static RawHttp bare(String method, String target) {
        return new RawHttp(method, target);
    }

    /** Adds a header line {@code name: value} as given (repeated names are sent repeatedly). */
    public RawHttp header(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    /** The body; {@code Content-Length} is its length unless {@link #contentLength} says otherwise. */
    public RawHttp body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** The {@code Content-Length} value to send whatever the body holds; {@code null} sends none. */
    public RawHttp contentLength(String value) {
        this.contentLength = value;
        this.headers.removeIf(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15));
        return this;
    }

    /** Shuts the socket's output down after the body, as a client that has nothing more to send. */
    public RawHttp halfClose() {
        this.halfClose = true;
        return this;
    }

    /** What the request line says, abbreviated, to name the case in a test report. */
    public String describe() {
        String line = method + " " + target;
        return line.length() > 160 ? line.substring(0, 160) + "… (" + line.length() + " chars)" : line;
    }

    /** The method, to know whether the answer may carry a body. */
    public String method() {
        return method;
    }

    /** The exact bytes of the request head and body. */
    public byte[] bytes() {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        if (contentLength != null) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        } else if (body.length > 0 && headers.stream().noneMatch(h -> h.toLowerCase(Locale.ROOT)
                .startsWith("content-length:") || h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    /**
     * Sends the request to localhost:{@code port} and reads the first final answer. The request is written from
     * another thread, so a server that answers before reading the whole body (and then closes) is still heard.
     * A connection closed without any answer is {@link Answer#NONE}.
     */
    public Answer send(int port) {
        byte[] request = bytes();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(request);
                    out.flush();
                    if (halfClose) {
                        socket.shutdownOutput();
                    }
                } catch (IOException e) {
                    // the server answered early and closed: what it said is read below
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            Answer answer = read(socket.getInputStream(), !"HEAD".equals(method));
            writer.join(TIMEOUT_MILLIS);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer read(InputStream in, boolean mayHaveBody) throws IOException {
        while (true) {
            String statusLine;
            try {
                statusLine = line(in);
            } catch (IOException closed) {
                return Answer.NONE;
            }
            if (statusLine == null) {
                return Answer.NONE;
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
            if (status < 200) {
                continue;
            }
            byte[] body = !mayHaveBody || status == 204 || status == 304 ? new byte[0] : body(in, headers);
            return new Answer(status, headers, body);
        }
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                out.write(in.readNBytes(size));
                line(in);
            }
            return out.toByteArray();
        }
        String length = headers.get("content-length");
        return length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
    }

    private static int chunkSize(String line) {
        return line == null ? 0 : Integer.parseInt(line.split(";", 2)[0].trim(), 16);
    }

    /** One CRLF-terminated line, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                out.write(b);
            }
        }
        return b < 0 && out.size() == 0 ? null : out.toString(StandardCharsets.UTF_8);
    }

    /** An answer; {@link #NONE} (status 0) when the connection closed without one. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public static final Answer NONE = new Answer(0, Map.of(), new byte[0]);

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length > 500 ? text().substring(0, 500) + "…" : text());
        }
    }
}
