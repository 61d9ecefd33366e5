package io.oncosurv.server.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * Gzip for large JSON answers, for clients that send {@code Accept-Encoding: gzip}: a survival
 * curve of a million points is 178 MB of text and a fraction of that compressed. The server's
 * compressor is on, but every answer is marked {@code identity} (left alone) unless its handler
 * allows it ({@link #allowIfLarge}, as {@code Operations.write} does): JSON of at least
 * {@value #THRESHOLD} bytes. Figures, PDFs, pages and small or error answers go as they are,
 * with their Content-Length. Level
 * {@value #LEVEL}: fast, as the send rate matters more than the last percent. A compressed
 * answer written in one piece carries its compressed Content-Length.
 */
public final class CompressedJson {

    public static final int THRESHOLD = 16 * 1024;
    static final int LEVEL = 1;

    private static final String ALLOWED = "oncosurv.gzip";

    private CompressedJson() {
    }

    /**
     * The server's options with compression on, for the answers {@link #allowIfLarge} allows.
     * HTTP/1.1 only: on an HTTP/2 connection upgraded from clear text (Java's HttpClient asks for
     * it), Vert.x 5.0.7 sends, after one answer left uncompressed, later answers marked gzip but
     * not compressed (seen with SurvivalCurveDetailTest); refusing the upgrade keeps them right.
     */
    static HttpServerOptions on(HttpServerOptions options) {
        return options.setCompressionSupported(true).setCompressionLevel(LEVEL)
                .setHttp2ClearTextEnabled(false);
    }

    /** Before any route: an answer is sent uncompressed unless {@link #allowIfLarge} allowed it. */
    static void mark(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            var headers = ctx.response().headers();
            if (Boolean.TRUE.equals(ctx.get(ALLOWED))) {
                headers.add(HttpHeaders.VARY, "Accept-Encoding");
            } else if (!headers.contains(HttpHeaders.CONTENT_ENCODING)) {
                headers.set(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
            }
        });
        ctx.next();
    }

    /** Lets the answer about to be written be gzipped if it is JSON of at least the threshold. */
    public static void allowIfLarge(RoutingContext ctx, String contentType, int length) {
        if (length >= THRESHOLD && contentType.startsWith("application/json")) {
            ctx.put(ALLOWED, true);
        }
    }
}
