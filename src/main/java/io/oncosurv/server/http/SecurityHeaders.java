package io.oncosurv.server.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every answer: a Content-Security-Policy that allows only our own scripts, styles
 * and images (and data: images), no framing, no sniffing, no referrer to other sites (our own
 * form posts keep their Origin, which {@link SameOrigin} checks); nothing cached, since answers
 * hold patient data (the static assets override that).
 */
public final class SecurityHeaders {

    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {
    }

    static void add(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }
}
