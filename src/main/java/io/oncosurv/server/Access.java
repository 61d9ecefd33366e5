package io.oncosurv.server;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may pass: the API takes the Bearer token, and for reading (GET, HEAD) also a logged-in
 * browser's session cookie, so the pages' figures and downloads load; changes (upload, delete)
 * need the token. Pages take either, and send a browser without them to the login form.
 */
final class Access {

    private final String token;
    private final Sessions sessions;

    Access(String token, Sessions sessions) {
        this.token = token;
        this.sessions = sessions;
    }

    /** The /api/* gate: 401 without a token (or a session, for reading). */
    void api(RoutingContext ctx) {
        if (bearer(ctx) || (isRead(ctx) && session(ctx))) {
            ctx.next();
            return;
        }
        throw new ApiError(401, "A valid token is required: send 'Authorization: Bearer "
                + "<token>'.");
    }

    /** The pages' gate: a browser without a session goes to the login form, then back. */
    void page(RoutingContext ctx) {
        if (bearer(ctx) || session(ctx)) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(303).putHeader("Location", "/login?next="
                + java.net.URLEncoder.encode(ctx.request().uri(),
                        java.nio.charset.StandardCharsets.UTF_8)).end();
    }

    boolean tokenMatches(String presented) {
        return AdminToken.matches(token, presented);
    }

    private boolean bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String presented = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length()).strip() : null;
        return AdminToken.matches(token, presented);
    }

    private boolean session(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        return cookie != null && sessions.isValid(cookie.getValue());
    }

    private static boolean isRead(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.GET
                || ctx.request().method() == HttpMethod.HEAD;
    }
}
