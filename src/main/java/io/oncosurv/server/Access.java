package io.oncosurv.server;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Who may pass, and what they may do. The API takes a Bearer token; for reading (GET, HEAD) also
 * a logged-in browser's session cookie, so the pages' figures and downloads load; changes need
 * the token. Pages take either, and send a browser without them to the login form. Each request
 * then needs the permission of the route that matched ({@link #authorize}): 401 without a
 * valid token, 403 with a role that may not, 429 for an address that presented too many wrong
 * tokens.
 */
final class Access {

    /** Where the gates leave the caller, for the routes after them. */
    static final String PRINCIPAL = "oncosurv.principal";
    private static final String NO_SESSION = "Log in again: this form needs a live session of "
            + "this server's pages.";

    private final Tokens tokens;
    private final Sessions sessions;
    private final AuthLimiter limiter;

    Access(Tokens tokens, Sessions sessions, AuthLimiter limiter) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.limiter = limiter;
    }

    /** The /api/* gate. */
    void api(RoutingContext ctx) {
        Optional<Principal> who = caller(ctx, true);
        if (who.isEmpty()) {
            throw new ApiError(401, "A valid token is required: send 'Authorization: Bearer "
                    + "<token>'.");
        }
        ctx.put(PRINCIPAL, who.get());
        ctx.next();
    }

    /**
     * The pages' gate: a browser without a session goes to the login form, then back; a write
     * (a form's POST to a path no route serves) has no page to come back to, and is 401 as the
     * form gate answers it.
     */
    void page(RoutingContext ctx) {
        Optional<Principal> who = caller(ctx, false);
        if (who.isEmpty() && !isRead(ctx)) {
            throw new ApiError(401, NO_SESSION);
        }
        if (who.isEmpty()) {
            ctx.response().setStatusCode(303).putHeader("Location", "/login?next="
                    + java.net.URLEncoder.encode(ctx.request().uri(),
                            java.nio.charset.StandardCharsets.UTF_8)).end();
            return;
        }
        ctx.put(PRINCIPAL, who.get());
        ctx.next();
    }

    /**
     * The browser forms' gate ({@link RouteTable#form}): the session cookie only, so a page's
     * form acts as its user; a token goes to the API. 401 without a live session.
     */
    void form(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        Optional<Principal> who = cookie == null ? Optional.empty()
                : sessions.principal(cookie.getValue());
        if (who.isEmpty()) {
            throw new ApiError(401, NO_SESSION);
        }
        ctx.put(PRINCIPAL, who.get());
        ctx.next();
    }

    /**
     * After a gate: the permission the matched route needs ({@link RouteTable}), else 403
     * naming the role and what it may not do.
     */
    void authorize(RoutingContext ctx, Role.Permission needed) {
        Principal who = ctx.get(PRINCIPAL);
        if (who == null || !who.role().may(needed)) {
            throw new ApiError(403, "The role '" + (who == null ? "none" : who.role().key())
                    + "' may not " + needed.describe() + ".");
        }
        ctx.next();
    }

    /** A login with a token: its principal, counting a wrong one against the address. */
    Optional<Principal> login(RoutingContext ctx, String presented) {
        refuseIfLimited(ctx);
        Optional<Principal> who = tokens.verify(presented);
        if (who.isEmpty()) {
            limiter.failed(address(ctx));
        }
        return who;
    }

    private Optional<Principal> caller(RoutingContext ctx, boolean sessionOnlyForReading) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null) {
            refuseIfLimited(ctx);
            String presented = header.startsWith("Bearer ")
                    ? header.substring("Bearer ".length()).strip() : null;
            Optional<Principal> who = tokens.verify(presented);
            if (who.isEmpty()) {
                limiter.failed(address(ctx));
            }
            return who;
        }
        if (sessionOnlyForReading && !isRead(ctx)) {
            return Optional.empty();
        }
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        return cookie == null ? Optional.empty() : sessions.principal(cookie.getValue());
    }

    private void refuseIfLimited(RoutingContext ctx) {
        long seconds = limiter.blockedFor(address(ctx));
        if (seconds > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            throw new ApiError(429, "Too many wrong tokens from this address; try again in "
                    + seconds + " s.");
        }
    }

    private static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
    }

    private static boolean isRead(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.GET
                || ctx.request().method() == HttpMethod.HEAD;
    }
}
