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
    /** Where a form's token comes: the header (a page's script) or the field (HTML forms). */
    static final String FORM_HEADER = "X-OncoSurv-Form";
    static final String FORM_FIELD = "form_token";
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

    /** A form's token sent in {@link #FORM_HEADER}: checked already ({@link #formTokenHeader}). */
    private static final String FORM_TOKEN_SEEN = "oncosurv.formTokenSeen";

    /**
     * A form route's token in its header (the upload page's script), checked in the gate, before
     * the body is read; the HTML forms send it as the {@value #FORM_FIELD} field instead, checked
     * once the body is in ({@link #formTokenField}). A route without a form body
     * ({@code fieldMayFollow} false) needs the header. 403 on a token not this session's.
     */
    void formTokenHeader(RoutingContext ctx, boolean fieldMayFollow) {
        String presented = ctx.request().getHeader(FORM_HEADER);
        if (presented != null || !fieldMayFollow) {
            checkFormToken(ctx, presented);
            ctx.put(FORM_TOKEN_SEEN, true);
        }
        ctx.next();
    }

    /** After the body: the {@value #FORM_FIELD} field, unless the header was checked. */
    void formTokenField(RoutingContext ctx) {
        if (ctx.get(FORM_TOKEN_SEEN) == null) {
            checkFormToken(ctx, ctx.request().formAttributes().get(FORM_FIELD));
        }
        ctx.next();
    }

    private void checkFormToken(RoutingContext ctx, String presented) {
        if (!sessions.formTokenMatches(sessionId(ctx), presented)) {
            throw new ApiError(403, "This form's token is " + (presented == null ? "missing"
                    : "not this session's") + ": reload the page and send the form again.");
        }
    }

    /** The form token for a page's forms; none when the page was opened with an API token. */
    String formToken(RoutingContext ctx) {
        String id = sessionId(ctx);
        return id == null || sessions.principal(id).isEmpty() ? "" : sessions.formToken(id);
    }

    private static String sessionId(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        return cookie == null ? null : cookie.getValue();
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
