package io.oncosurv.server.auth;

import io.oncosurv.server.http.ApiError;
import io.oncosurv.server.http.RouteTable;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who may pass, and what they may do. The API takes a Bearer token; for reading (GET, HEAD) also
 * a logged-in browser's session cookie, so the pages' figures and downloads load; changes need
 * the token. Pages take either, and send a browser without them to the login form. Each request
 * then needs the permission of the route that matched ({@link #authorize}): 401 without a
 * valid token, 403 with a role that may not, 429 for an address that presented too many wrong
 * tokens.
 */
public final class Access {

    /** Where the gates leave the caller, for the routes after them. */
    public static final String PRINCIPAL = "oncosurv.principal";
    /** Where a form's token comes: the header (a page's script) or the field (HTML forms). */
    public static final String FORM_HEADER = "X-OncoSurv-Form";
    public static final String FORM_FIELD = "form_token";
    private static final String NO_SESSION = "Log in again: this form needs a live session of "
            + "this server's pages.";

    private final Tokens tokens;
    private final Sessions sessions;
    private final AuthLimiter limiter;
    private final TokenLookup lookup;
    /** Store reads of unheard-of tokens in flight: bounded, so made-up ids cannot queue many. */
    private final java.util.concurrent.atomic.AtomicInteger lookups =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final int MAX_LOOKUPS = 16;

    public Access(Tokens tokens, Sessions sessions, AuthLimiter limiter) {
        this(tokens, sessions, limiter, TokenLookup.NONE);
    }

    /** @param lookup reads a token this node has not heard of from the shared store */
    public Access(Tokens tokens, Sessions sessions, AuthLimiter limiter, TokenLookup lookup) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.limiter = limiter;
        this.lookup = lookup;
    }

    /** The /api/* gate. */
    public void api(RoutingContext ctx) {
        decide(ctx, caller(ctx, true), who -> {
            if (who.isEmpty()) {
                throw new ApiError(401, "A valid token is required: send 'Authorization: "
                        + "Bearer <token>'.");
            }
            ctx.put(PRINCIPAL, who.get());
            ctx.next();
        });
    }

    /**
     * Goes on with the caller: at once when known (a token this node holds, a session, none);
     * else once the store was read, with the request paused meanwhile so that no byte of its
     * body is lost before the body handler takes it.
     */
    private static void decide(RoutingContext ctx, Future<Optional<Principal>> who,
            Consumer<Optional<Principal>> then) {
        if (who.isComplete()) {
            then.accept(result(who));
            return;
        }
        boolean pause = !ctx.request().isEnded();
        if (pause) {
            ctx.request().pause();
        }
        who.onComplete(done -> {
            if (pause) {
                ctx.request().resume();
            }
            try {
                then.accept(result(done));
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
    }

    private static Optional<Principal> result(AsyncResult<Optional<Principal>> who) {
        if (who.succeeded()) {
            return who.result();
        }
        throw who.cause() instanceof RuntimeException e ? e
                : new IllegalStateException(who.cause());
    }

    /**
     * The pages' gate: a browser without a session goes to the login form, then back; a write
     * (a form's POST to a path no route serves) has no page to come back to, and is 401 as the
     * form gate answers it.
     */
    public void page(RoutingContext ctx) {
        decide(ctx, caller(ctx, false), who -> pageCaller(ctx, who));
    }

    private void pageCaller(RoutingContext ctx, Optional<Principal> who) {
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
    public void form(RoutingContext ctx) {
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
    public void formTokenHeader(RoutingContext ctx, boolean fieldMayFollow) {
        String presented = ctx.request().getHeader(FORM_HEADER);
        if (presented != null || !fieldMayFollow) {
            checkFormToken(ctx, presented);
            ctx.put(FORM_TOKEN_SEEN, true);
        }
        ctx.next();
    }

    /** After the body: the {@value #FORM_FIELD} field, unless the header was checked. */
    public void formTokenField(RoutingContext ctx) {
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
    public String formToken(RoutingContext ctx) {
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
    public void authorize(RoutingContext ctx, Role.Permission needed) {
        Principal who = ctx.get(PRINCIPAL);
        if (who == null || !who.role().may(needed)) {
            throw new ApiError(403, "The role '" + (who == null ? "none" : who.role().key())
                    + "' may not " + needed.describe() + ".");
        }
        ctx.next();
    }

    /** A login with a token: its principal, counting a wrong one against the address. */
    public Future<Optional<Principal>> login(RoutingContext ctx, String presented) {
        refuseIfLimited(ctx);
        return verify(ctx, presented);
    }

    private Future<Optional<Principal>> caller(RoutingContext ctx,
            boolean sessionOnlyForReading) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null) {
            refuseIfLimited(ctx);
            String presented = header.startsWith("Bearer ")
                    ? header.substring("Bearer ".length()).strip() : null;
            return verify(ctx, presented);
        }
        if (sessionOnlyForReading && !isRead(ctx)) {
            return Future.succeededFuture(Optional.empty());
        }
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        return Future.succeededFuture(cookie == null ? Optional.empty()
                : sessions.principal(cookie.getValue()));
    }

    /**
     * A token this node holds is checked at once; one whose id it has not heard of (made on
     * another node since this one read the store) is read from the store first, so it works
     * on every node from its first use. A wrong token counts against the address either way,
     * which also bounds the store reads a guesser can cause.
     */
    private Future<Optional<Principal>> verify(RoutingContext ctx, String presented) {
        Optional<Principal> known = tokens.verify(presented);
        Optional<String> unheardOf = known.isPresent() ? Optional.empty()
                : tokens.unheardOf(presented);
        Future<Optional<Principal>> who;
        if (unheardOf.isEmpty()) {
            who = Future.succeededFuture(known);
        } else if (lookups.incrementAndGet() > MAX_LOOKUPS) { // a flood of made-up ids
            lookups.decrementAndGet();
            limiter.failed(address(ctx));
            return Future.failedFuture(unread(ctx));
        } else {
            who = lookup.find(unheardOf.get()).map(found -> found ? tokens.verify(presented)
                    : Optional.<Principal>empty()).recover(e -> storeUnread(ctx, e))
                    .andThen(done -> lookups.decrementAndGet());
        }
        return who.map(w -> {
            if (w.isEmpty()) {
                limiter.failed(address(ctx));
            }
            return w;
        });
    }

    /** No admin worker yet (the node is starting): unknown; a store that fails: 503. */
    private static Future<Optional<Principal>> storeUnread(RoutingContext ctx, Throwable e) {
        if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
            return Future.succeededFuture(Optional.empty());
        }
        return Future.failedFuture(unread(ctx));
    }

    private static ApiError unread(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "1");
        return new ApiError(503, "The token could not be checked against the store just now; "
                + "try again in a few seconds.");
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
