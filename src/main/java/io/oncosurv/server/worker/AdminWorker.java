package io.oncosurv.server.worker;

import io.oncosurv.server.auth.AuditTrail;
import io.oncosurv.server.auth.Sessions;
import io.oncosurv.server.auth.Tokens;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.AuditEntry;
import io.oncosurv.store.AuditLog;
import io.oncosurv.store.StoredToken;
import io.oncosurv.store.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The admin's work, on a worker thread: tokens (create, list, revoke: the store, then the
 * in-memory set the gates check, then the audit log) and the audit log (append, read).
 * Other nodes learn of a token made here when a request presents it (they read the store,
 * {@link #TOKEN_LOOKUP}), and of a revocation from {@link #TOKENS_CHANGED} when the nodes form
 * a cluster, and in any case from the store, read again every {@value #RELOAD_MS} ms.
 */
public final class AdminWorker extends VerticleBase {

    public static final String TOKEN_CREATE = "oncosurv.admin.token-create";
    public static final String TOKEN_LIST = "oncosurv.admin.token-list";
    public static final String TOKEN_REVOKE = "oncosurv.admin.token-revoke";
    public static final String AUDIT_READ = "oncosurv.admin.audit-read";
    /**
     * This node's own (local) look-up of a token id it has not heard of: the id in, true when
     * the store has it (now in this node's set), false when not.
     */
    public static final String TOKEN_LOOKUP = "oncosurv.admin.token-lookup";
    /** Published to every node when a token is made or revoked: each reloads its set. */
    static final String TOKENS_CHANGED = "oncosurv.admin.tokens-changed";
    public static final long RELOAD_MS = 5_000;

    private final TokenStore store;
    private final Tokens tokens;
    private final Sessions sessions;
    private final AuditLog audit;
    private final boolean shared;

    /** @param shared whether other nodes share the store (then reload it every 5 s too) */
    public AdminWorker(TokenStore store, Tokens tokens, Sessions sessions, AuditLog audit,
            boolean shared) {
        this.shared = shared;
        this.store = store;
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        if (shared) { // a node that missed an event (it was starting) still catches up
            vertx.setPeriodic(RELOAD_MS, t -> reload());
        }
        return Future.all(java.util.List.of(
                bus.<String>consumer(TOKENS_CHANGED, m -> reload()).completion(),
                bus.<String>localConsumer(TOKEN_LOOKUP, Guarded.handler(this::lookup))
                        .completion(),
                bus.<JsonObject>consumer(AuditTrail.ADDRESS, Guarded.handler(this::append))
                        .completion(),
                bus.<JsonObject>consumer(TOKEN_CREATE, Guarded.handler(this::create))
                        .completion(),
                bus.<Object>consumer(TOKEN_LIST, Guarded.handler(this::list)).completion(),
                bus.<JsonObject>consumer(TOKEN_REVOKE, Guarded.handler(this::revoke))
                        .completion(),
                bus.<JsonObject>consumer(AUDIT_READ, Guarded.handler(this::read)).completion()));
    }

    private void append(Message<JsonObject> m) {
        JsonObject e = m.body();
        audit.append(e.getString("actor"), e.getString("role"), e.getString("action"),
                e.getString("target"), e.getString("detail"));
    }

    /** {"role", "name", "actor", "actor_role"} → 201's body, with the token shown this once. */
    private void create(Message<JsonObject> m) {
        JsonObject q = m.body();
        Tokens.Issued issued = Tokens.issue();
        StoredToken t = store.insert(issued.id(), q.getString("name"), q.getString("role"),
                issued.salt(), issued.hash(), "api");
        tokens.put(t);
        changed();
        audit.append(q.getString("actor"), q.getString("actor_role"), "token.create", t.id(),
                "name " + t.name() + ", role " + t.role());
        m.reply(new JsonObject().put("id", t.id()).put("token", issued.token())
                .put("role", t.role()).put("name", t.name()));
    }

    /** A token made on another node, read from the shared store before it is refused. */
    private void lookup(Message<String> m) {
        var token = store.get(m.body());
        token.ifPresent(tokens::put);
        m.reply(token.isPresent());
    }

    private void list(Message<Object> m) {
        JsonArray out = new JsonArray();
        for (StoredToken t : store.list()) {
            out.add(json(t));
        }
        m.reply(out);
    }

    private void revoke(Message<JsonObject> m) {
        String id = m.body().getString("id");
        var token = store.get(id);
        if (token.isEmpty() || !token.get().active()) {
            new ApiError(404, "No active token has the id '" + id + "'.").failing(m);
            return;
        }
        if (token.get().source().equals("config")) {
            new ApiError(409, "Token '" + token.get().name() + "' is declared in the config "
                    + "file; remove it there and restart to revoke it.").failing(m);
            return;
        }
        store.revoke(id);
        tokens.put(store.get(id).orElseThrow());
        sessions.endAll(id);
        changed();
        audit.append(m.body().getString("actor"), m.body().getString("actor_role"),
                "token.revoke", id, "name " + token.get().name());
        m.reply(true);
    }

    private void read(Message<JsonObject> m) {
        JsonArray out = new JsonArray();
        for (AuditEntry e : audit.newest(m.body().getInteger("limit"),
                m.body().getLong("before"))) {
            out.add(new JsonObject().put("seq", e.seq()).put("at", e.at().toString())
                    .put("actor", e.actor()).put("role", e.role()).put("action", e.action())
                    .put("target", e.target()).put("detail", e.detail()));
        }
        m.reply(out);
    }

    /** Tells every node (the event bus may be clustered) that the tokens changed. */
    private void changed() {
        vertx.eventBus().publish(TOKENS_CHANGED, "");
    }

    /** The set the gates check, from the store (revocations made on other nodes included). */
    private void reload() {
        try {
            for (StoredToken t : store.list()) {
                tokens.put(t);
                if (!t.active()) {
                    sessions.endAll(t.id());
                }
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AdminWorker.class).warn("tokens not reloaded", e);
        }
    }

    static JsonObject json(StoredToken t) {
        return new JsonObject().put("id", t.id()).put("name", t.name()).put("role", t.role())
                .put("source", t.source()).put("created_at", t.createdAt().toString())
                .put("revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString());
    }
}
