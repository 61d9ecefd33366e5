package io.oncosurv.server.http;

import io.oncosurv.server.auth.Access;
import io.oncosurv.server.auth.AuditTrail;
import io.oncosurv.server.auth.Role;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route is declared here with what it needs, so access is decided on the route that
 * matched and never on a path string: the router's own matching (which normalises dot
 * segments, doubled slashes, percent-encoded letters, a trailing slash) picks the route, and the
 * route carries its permission. A declaration adds two routes with the same method and path,
 * the gate (who is calling, may they, the cost bound, the audit record) then the handler, since
 * Vert.x reads a body only on a route's first handler and a body must not be read for a caller
 * who may not send it. {@link #verify} fails the deployment if any route was added around the
 * table (deny by default).
 */
public final class RouteTable {

    /** Route metadata: the {@link Role.Permission} a route needs, or {@link #OPEN}. */
    static final String ACCESS = "oncosurv.access";
    static final String OPEN = "open";
    /** Where a route with a body puts the sentence of its 413. */
    static final String BODY_LIMIT = "oncosurv.bodyLimit";

    /**
     * How a caller shows who they are: a token (or reading session), a page's login, or a
     * browser form that writes (the session, from a page of this site, with its form token:
     * {@link #form}).
     */
    enum Gate { API, PAGE, FORM }

    /** What the audit log records of a request answered 2xx. */
    public enum Record { NONE, DOWNLOAD, COHORT_FILE }

    /** The slow kinds, each with a small bound of its own ({@link Overload}). */
    enum Cost { PLAIN, FIGURE, DOCUMENT }

    private final Router router;
    private final Access access;
    private final AuditTrail audit;
    private final Overload overload;

    public RouteTable(Router router, Access access, AuditTrail audit, Overload overload) {
        this.router = router;
        this.access = access;
        this.audit = audit;
        this.overload = overload;
    }

    /** An API route: a token, or for GET and HEAD a logged-in browser, with the permission. */
    Declaration api(HttpMethod method, String path, Role.Permission needed) {
        return new Declaration(method, path, Gate.API, needed);
    }

    /** A page (GET): a login, else the browser goes to the login form. Pages only read. */
    Declaration page(String path) {
        return page(path, Role.Permission.READ);
    }

    /** A page (GET) only some roles may open: the form of a write ({@link #form}). */
    Declaration page(String path, Role.Permission needed) {
        return new Declaration(HttpMethod.GET, path, Gate.PAGE, needed);
    }

    /**
     * A browser's write (upload, delete, tokens, a report job): the only routes where the session
     * cookie may change something. {@link SameOrigin} is checked before anything else, then the
     * session (no token: these serve the pages), the permission, and the session's form token
     * ({@link Access#formTokenHeader}, {@link Access#formTokenField}), which the pages that
     * write carry.
     */
    Declaration form(HttpMethod method, String path, Role.Permission needed) {
        return new Declaration(method, path, Gate.FORM, needed);
    }

    /** A route anyone may call: health, login, logout, static assets. */
    public Declaration open(HttpMethod method, String path) {
        return new Declaration(method, path, null, null);
    }

    /**
     * After every route: a path under {@code prefix} that no route serves still needs a caller
     * (401, or the login form), then answers 404 — nothing is learnt without a token.
     */
    void fallback(String prefix, Gate gate) {
        router.route(prefix).putMetadata(ACCESS, OPEN).handler(gate == Gate.API ? access::api
                : access::page);
    }

    /** Fails if a route with a path was added to the router without a declaration. */
    public static void verify(Router router) {
        List<String> undeclared = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            boolean hasPath = route.getPath() != null || route.isRegexPath();
            if (hasPath && route.getMetadata(ACCESS) == null) {
                undeclared.add(route.methods() + " " + route.getPath());
            }
        }
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("routes added without a permission: " + undeclared);
        }
    }

    /** One route being declared; nothing is added to the router until {@link #handler}. */
    public final class Declaration {
        private final HttpMethod method;
        private final String path;
        private final Gate gate;
        private final Role.Permission needed;
        private Record record = Record.NONE;
        private Cost cost = Cost.PLAIN;
        private BodyHandler body;
        private final List<Handler<RoutingContext>> before = new ArrayList<>();

        private Declaration(HttpMethod method, String path, Gate gate, Role.Permission needed) {
            this.method = method;
            this.path = path;
            this.gate = gate;
            this.needed = needed;
        }

        Declaration records(Record what) {
            this.record = what;
            return this;
        }

        Declaration costs(Cost what) {
            this.cost = what;
            return this;
        }

        /** The body is read (at most {@code limit} bytes) once the caller has passed. */
        Declaration body(BodyHandler handler, String tooLarge) {
            this.body = handler;
            before.add(ctx -> {
                ctx.put(BODY_LIMIT, tooLarge);
                ctx.next();
            });
            return this;
        }

        /** A check of the gate's, after the permission and before the body. */
        Declaration before(Handler<RoutingContext> check) {
            before.add(check);
            return this;
        }

        public void handler(Handler<RoutingContext> handler) {
            Object tag = needed == null ? OPEN : needed;
            List<Handler<RoutingContext>> gateHandlers = new ArrayList<>();
            if (gate == Gate.FORM) {
                gateHandlers.add(SameOrigin::check);
                gateHandlers.add(access::form);
                gateHandlers.add(ctx -> access.authorize(ctx, needed));
                boolean fieldMayFollow = body != null;
                gateHandlers.add(ctx -> access.formTokenHeader(ctx, fieldMayFollow));
            } else if (gate != null) {
                gateHandlers.add(gate == Gate.API ? access::api : access::page);
                gateHandlers.add(ctx -> access.authorize(ctx, needed));
            }
            if (cost != Cost.PLAIN) {
                gateHandlers.add(ctx -> overload.costs(ctx, cost));
            }
            if (record != Record.NONE) {
                gateHandlers.add(audit.recorder(record));
            }
            gateHandlers.addAll(before);
            if (!gateHandlers.isEmpty()) {
                Route gateRoute = router.route(method, path).putMetadata(ACCESS, tag);
                gateHandlers.forEach(gateRoute::handler);
            }
            Route route = router.route(method, path).putMetadata(ACCESS, tag);
            if (body != null) {
                route.handler(body);
                if (gate == Gate.FORM) {
                    route.handler(access::formTokenField);
                }
            }
            route.handler(handler);
        }
    }
}
