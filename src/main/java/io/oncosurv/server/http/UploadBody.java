package io.oncosurv.server.http;

import io.oncosurv.server.ServerConfig;
import io.oncosurv.server.bus.Deadlines;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the body of an upload into memory, counting its bytes as they arrive (a Content-Length
 * is only a promise; a chunked body has none), against three bounds:
 * <ul>
 * <li>the upload limit: a declared length over it is refused at once, a body that grows past it
 * when it does (413);</li>
 * <li>the {@link UploadBudget} of all uploads being read and parsed (503 with Retry-After);</li>
 * <li>a pace: every byte must arrive within the grace plus 1 s per {@code minBytesPerSecond}
 * bytes before it, so a body may take the grace plus its size over the rate; one that falls
 * behind is refused with 408 and its connection closed (its client sends too slowly to be
 * waited for).</li>
 * </ul>
 * A refused body gives its bytes back to the budget at once and nothing of it is kept; the
 * rest of it is read and dropped (at the same pace, else the connection is closed) so that its
 * client can read the answer. A multipart/form-data body is decoded as it arrives, its file
 * parts kept for {@link UploadForm} to judge. The request's deadline ({@link Deadlines}) waits
 * while the body arrives and starts when it is in.
 */
public final class UploadBody {

    private static final String KEY = "oncosurv.upload.body";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
            UploadBody.class);

    /** A file part of a multipart form: its field, file name, bytes, and whether it ended. */
    public record FilePart(String field, String fileName, Buffer bytes, boolean complete) {
    }

    /**
     * What arrived: the body; for a multipart form, its file parts, text field names and the
     * value of its {@code labels} text field (null without one).
     */
    public record Received(Buffer body, List<FilePart> files, List<String> textFields,
            String labelsField) {
    }

    private final UploadBudget budget;
    private final long limit;
    private final ServerConfig.UploadPace pace;

    public UploadBody(UploadBudget budget, long limit, ServerConfig.UploadPace pace) {
        this.budget = budget;
        this.limit = limit;
        this.pace = pace;
    }

    public void handle(RoutingContext ctx) {
        new Reading(ctx).begin();
    }

    /** The body read for this request by the handler before. */
    public static Received received(RoutingContext ctx) {
        Received received = ctx.get(KEY);
        if (received == null) {
            throw new IllegalStateException("UploadBody must read the body before this handler");
        }
        return received;
    }

    /** The body of one request as it arrives. Everything here runs on its event loop. */
    private final class Reading {
        private final RoutingContext ctx;
        private final HttpServerRequest request;
        private final long began = System.nanoTime();
        private final boolean multipart;
        /** The body's chunks, joined once at the end: a growing buffer copies 72 MB ~18 times. */
        private List<Buffer> body = new ArrayList<>();
        private final List<Part> parts = new ArrayList<>();
        private long received;
        private long held;
        private boolean refused;
        private boolean done;
        private long paceTimer = -1;

        Reading(RoutingContext ctx) {
            this.ctx = ctx;
            this.request = ctx.request();
            this.multipart = HttpVerticle.mediaType(request.getHeader("Content-Type"))
                    .equals("multipart/form-data");
        }

        void begin() {
            Deadlines.hold(ctx); // the pace bounds the body; the deadline starts when it is in
            ctx.addEndHandler(v -> {
                giveBack();
                if (ctx.response().closed()) {
                    stopPace();
                }
            });
            if (request.isEnded()) {
                if (request.bytesRead() > 0) { // a wiring fault, not the client's
                    ctx.fail(new IllegalStateException("the upload's body was read before "
                            + "UploadBody: an asynchronous handler ran first"));
                    return;
                }
                finish();
                return;
            }
            request.handler(this::chunk).endHandler(v -> end()).exceptionHandler(this::broken);
            request.resume();
            pace();
            ApiError early = refusedAtOnce();
            if (early != null) {
                refuse(early, false);
                return;
            }
            if (multipart) {
                request.uploadHandler(this::part);
            }
            if (request.getHeader("Expect") != null
                    && request.version() != HttpVersion.HTTP_1_0) {
                request.response().writeContinue(); // refusedAtOnce let only 100-continue by
            }
        }

        /** A refusal known from the headers alone, or null; else multipart decoding is set up. */
        private ApiError refusedAtOnce() {
            String length = request.getHeader("Content-Length");
            try {
                if (length != null && Long.parseLong(length.strip()) > limit) {
                    return tooLarge();
                }
            } catch (NumberFormatException e) {
                return new ApiError(400, "The Content-Length header is not a number.");
            }
            String expect = request.getHeader("Expect");
            if (expect != null && !expect.strip().equalsIgnoreCase("100-continue")) {
                return new ApiError(417, "Only 'Expect: 100-continue' is understood; got '"
                        + shorten(expect) + "'.");
            }
            if (multipart) {
                if (!hasBoundary(request.getHeader("Content-Type"))) { // else read as a URL form
                    return new ApiError(400, "The multipart/form-data Content-Type has no "
                            + "boundary; send it as 'multipart/form-data; boundary=...' (a "
                            + "client's form encoder does this).");
                }
                request.setExpectMultipart(true);
            }
            return null;
        }

        private static boolean hasBoundary(String contentType) {
            for (String parameter : contentType.split(";")) {
                String p = parameter.strip().toLowerCase(Locale.ROOT);
                if (p.startsWith("boundary=") && p.length() > "boundary=".length()) {
                    return true;
                }
            }
            return false;
        }

        private void chunk(Buffer chunk) {
            received += chunk.length();
            if (refused) {
                return; // dropped: the answer has been sent
            }
            if (received > limit) {
                refuse(tooLarge(), false);
                return;
            }
            if (!budget.take(chunk.length())) {
                ctx.response().putHeader("Retry-After", "5");
                refuse(new ApiError(503, "Other uploads in progress take the memory set aside "
                        + "for uploads; try again in a few seconds."), false);
                return;
            }
            held += chunk.length();
            if (!multipart) {
                body.add(chunk);
            }
        }

        /** A file part of a multipart form, whose bytes are also counted as the body's. */
        private void part(HttpServerFileUpload upload) {
            if (refused) {
                return; // the rest of a refused form is dropped
            }
            Part part = new Part(upload.name(), upload.filename());
            parts.add(part);
            upload.handler(bytes -> {
                if (!refused) {
                    part.bytes.appendBuffer(bytes);
                }
            });
            upload.endHandler(v -> part.complete = true);
            upload.exceptionHandler(e -> { }); // the request's exception handler answers
        }

        private void end() {
            stopPace();
            if (!refused && !done) {
                finish();
            }
        }

        private void finish() {
            done = true;
            if (LOG.isDebugEnabled()) {
                LOG.debug("body of {} bytes received in {} ms", received,
                        (System.nanoTime() - began) / 1_000_000);
            }
            List<FilePart> files = new ArrayList<>();
            for (Part p : parts) {
                files.add(new FilePart(p.field, p.fileName, p.bytes, p.complete));
            }
            List<String> fields = multipart ? request.formAttributes().names().stream()
                    .sorted().toList() : List.of();
            String labels = multipart ? request.formAttributes().get("labels") : null;
            ctx.put(KEY, new Received(multipart ? Buffer.buffer() : joined(body), files, fields,
                    labels));
            body = null;
            parts.clear();
            Deadlines.restart(ctx);
            ctx.next();
        }

        private static Buffer joined(List<Buffer> chunks) {
            int length = 0;
            for (Buffer chunk : chunks) {
                length += chunk.length();
            }
            Buffer all = Buffer.buffer(length);
            for (Buffer chunk : chunks) {
                all.appendBuffer(chunk);
            }
            return all;
        }

        /** The connection closed, or the body (its chunks, its multipart form) is malformed. */
        private void broken(Throwable e) {
            if (e instanceof HttpClosedException || ctx.response().closed()) {
                stopPace(); // nobody to answer: give the bytes back
                drop();
                refused = true;
                return;
            }
            if (done || refused) {
                return;
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage();
            refuse(new ApiError(400, "The upload's body cannot be read (" + shorten(reason)
                    + "); send it again as " + (multipart ? "a multipart form with one file "
                            + "part named 'file'." : "the file's bytes.")), false);
        }

        /** Checks the pace when the bytes received so far would be due, and again then. */
        private void pace() {
            paceTimer = -1;
            long elapsedMs = (System.nanoTime() - began) / 1_000_000;
            long dueMs = pace.graceSeconds() * 1000L + received * 1000 / pace.minBytesPerSecond();
            if (elapsedMs < dueMs) {
                paceTimer = ctx.vertx().setTimer(dueMs - elapsedMs, id -> pace());
                return;
            }
            if (refused) {
                closeConnection(); // the rest of a refused body trickles: stop reading it
                return;
            }
            refuse(new ApiError(408, String.format(Locale.ROOT, "The upload arrived too slowly: "
                    + "%d bytes in %.1f s, where an upload may take %d s plus 1 s for every %d "
                    + "bytes; send it again over a faster link.", received, elapsedMs / 1000.0,
                    pace.graceSeconds(), pace.minBytesPerSecond())), true);
        }

        private void stopPace() {
            if (paceTimer >= 0) {
                ctx.vertx().cancelTimer(paceTimer);
                paceTimer = -1;
            }
        }

        /**
         * Answers {@code error} (the contract's JSON) and keeps nothing of the body; closes the
         * connection after the answer if {@code close}, else drops the rest of the body.
         */
        private void refuse(ApiError error, boolean close) {
            refused = true;
            drop();
            if (close) {
                stopPace();
            }
            var response = ctx.response();
            if (response.ended() || response.closed()) {
                if (close) {
                    closeConnection();
                }
                return;
            }
            response.setStatusCode(error.status()).putHeader("Content-Type", "application/json")
                    .end(error.body().encode()).onComplete(written -> {
                        if (close) {
                            closeConnection();
                        }
                    });
        }

        private void drop() {
            giveBack();
            body = null;
            parts.clear();
        }

        private void giveBack() {
            budget.give(held);
            held = 0;
        }

        private void closeConnection() {
            request.connection().close();
        }

        private ApiError tooLarge() {
            return new ApiError(413, "The upload is larger than the limit of " + limit
                    + " bytes.");
        }
    }

    /** A file part as it arrives. */
    private static final class Part {
        final String field;
        final String fileName;
        final Buffer bytes = Buffer.buffer();
        boolean complete;

        Part(String field, String fileName) {
            this.field = field;
            this.fileName = fileName;
        }
    }

    static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
