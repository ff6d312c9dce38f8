package dev.wharf.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** One keep-alive HTTP/1.1 connection to localhost, written and read by hand (requests may be pipelined). */
public final class KeptAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private String head = "";

    public KeptAliveConnection(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    public void send(String method, String path, String headers, byte[] body) throws IOException {
        out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                + headers + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /** Writes bytes as they are (the rest of a body, or whole requests to pipeline). */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendChunked(String method, String path, byte[] body, int piece) throws IOException {
        send(method, path, "Transfer-Encoding: chunked", null);
        for (int at = 0; at < body.length; at += piece) {
            int length = Math.min(piece, body.length - at);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, length);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads an answer's head and its body (by Content-Length); returns the status. */
    public int readStatus() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "the connection closed before an answer: " + bytes);
            bytes.write(b);
        }
        head = bytes.toString(StandardCharsets.ISO_8859_1);
        String length = header("Content-Length");
        if (length != null) {
            in.readNBytes(Integer.parseInt(length));
        }
        return Integer.parseInt(head.substring(9, 12));
    }

    public String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
