package io.oncosurv.server;

import io.oncosurv.server.bus.Answer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * An upload over a plain socket, for bodies sent as a slow or stalled client sends them: with a
 * Content-Length that is not kept, or chunked, a few bytes at a time.
 */
final class RawUpload implements AutoCloseable {

    /** The server's answer: status, and the JSON error of the contract. */
    record Answer(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final boolean chunked;
    private Thread trickler;

    private RawUpload(Socket socket, boolean chunked) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.chunked = chunked;
    }

    /** POST {@code target} declaring {@code length} bytes of text/csv. */
    static RawUpload declared(int port, String target, String token, long length)
            throws IOException {
        return open(port, target, token, "Content-Length: " + length, false);
    }

    /** POST {@code target} with a chunked text/csv body (no length declared). */
    static RawUpload chunked(int port, String target, String token) throws IOException {
        return open(port, target, token, "Transfer-Encoding: chunked", true);
    }

    private static RawUpload open(int port, String target, String token, String framing,
            boolean chunked) throws IOException {
        RawUpload upload = new RawUpload(new Socket("127.0.0.1", port), chunked);
        upload.out.write(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + "Bearer " + token + "\r\nContent-Type: text/csv\r\n" + framing + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        upload.out.flush();
        return upload;
    }

    /** Sends {@code bytes} of the body (as one chunk if chunked). */
    RawUpload send(byte[] bytes) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(
                    StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(bytes);
        }
        out.flush();
        return this;
    }

    RawUpload send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Ends a chunked body. */
    RawUpload end() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    /**
     * Sends {@code text} one byte every {@code intervalMs} ms on a thread of its own, as a slow
     * client does, until it is all sent, the server closes, or this upload is closed.
     */
    RawUpload trickle(String text, long intervalMs) {
        return trickle(text, 1, intervalMs);
    }

    /** The same, {@code step} bytes at a time. */
    RawUpload trickle(String text, int step, long intervalMs) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        trickler = new Thread(() -> {
            try {
                for (int at = 0; at < bytes.length; at += step) {
                    Thread.sleep(intervalMs);
                    send(java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length,
                            at + step)));
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection, or the test is done with it
            }
        }, "trickling-client");
        trickler.setDaemon(true);
        trickler.start();
        return this;
    }

    /** Reads the answer, waiting at most {@code seconds}. */
    Answer answer(int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    /** Whether the server has closed the connection (after its answer), within {@code seconds}. */
    boolean closedByServer(int seconds) throws IOException {
        socket.setSoTimeout(seconds * 1000);
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) { // reset: closed as well
            return true;
        }
    }

    /** Whether the server has sent nothing (no answer, no close) for {@code ms}. */
    boolean silentFor(int ms) throws IOException {
        socket.setSoTimeout(ms);
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before an answer: " + head);
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r'
                    && h[n - 1] == '\n') {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (trickler != null) {
            trickler.interrupt();
        }
        socket.close();
    }
}
