package io.oncosurv.server.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chunked HTTP answer written on a worker thread, in chunks of {@value #CHUNK} bytes handed to
 * the response on its event loop, with back-pressure: when the response's write queue is full
 * (the client reads slower than the answer is made) the writer waits for it to drain, so the
 * server holds about the queue and a chunk, never the whole answer. The event loop never waits.
 * A client that goes away ends the writing with an {@link IOException}.
 */
public final class ResponseStream extends OutputStream {

    static final int CHUNK = 256 * 1024;

    /** Streams waiting for a client to read, in this process (for tests and monitoring). */
    public static final AtomicInteger PAUSED_NOW = new AtomicInteger();
    /** The bytes handed to its response by the stream that paused last. */
    public static volatile long handedAtLastPause;

    private final HttpServerResponse response;
    private final Context context;
    private final byte[] chunk = new byte[CHUNK];
    private int filled;
    private long handed; // on the event loop, as is paused
    private boolean paused;
    private volatile boolean gone;
    private volatile CompletableFuture<Void> waiting;

    /** On the response's event loop ({@code context}). */
    public ResponseStream(HttpServerResponse response, Context context) {
        this.response = response;
        this.context = context;
        response.closeHandler(v -> {
            gone = true;
            if (paused) {
                paused = false;
                PAUSED_NOW.decrementAndGet();
            }
            CompletableFuture<Void> w = waiting;
            if (w != null) {
                w.complete(null);
            }
        });
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == CHUNK) {
            send();
        }
        chunk[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == CHUNK) {
                send();
            }
            int n = Math.min(len, CHUNK - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what is left; the caller then ends the response. */
    public void finishWriting() throws IOException {
        if (filled > 0) {
            send();
        }
    }

    /** Hands the chunk to the response and waits while the client is behind. */
    private void send() throws IOException {
        Buffer buffer = Buffer.buffer(filled).appendBytes(chunk, 0, filled);
        filled = 0;
        CompletableFuture<Void> written = new CompletableFuture<>();
        waiting = written;
        context.runOnContext(v -> {
            if (gone) {
                written.complete(null);
                return;
            }
            response.write(buffer);
            handed += buffer.length();
            if (response.writeQueueFull()) {
                paused = true;
                PAUSED_NOW.incrementAndGet();
                handedAtLastPause = handed;
                response.drainHandler(drained -> {
                    if (paused) {
                        paused = false;
                        PAUSED_NOW.decrementAndGet();
                    }
                    written.complete(null);
                });
            } else {
                written.complete(null);
            }
        });
        try {
            written.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the client read");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        if (gone) {
            throw new IOException("the client went away");
        }
    }
}
