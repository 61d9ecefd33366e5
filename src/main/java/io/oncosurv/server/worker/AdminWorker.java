package io.oncosurv.server.worker;

import io.oncosurv.server.auth.AuditTrail;
import io.oncosurv.server.auth.Sessions;
import io.oncosurv.server.auth.Tokens;
import io.oncosurv.server.bus.Messages.AuditAppend;
import io.oncosurv.server.bus.Messages.AuditEntries;
import io.oncosurv.server.bus.Messages.AuditQuery;
import io.oncosurv.server.bus.Messages.TokenCreated;
import io.oncosurv.server.bus.Messages.TokenCreation;
import io.oncosurv.server.bus.Messages.TokenList;
import io.oncosurv.server.bus.Messages.TokenRevocation;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.AuditLog;
import io.oncosurv.store.StoredToken;
import io.oncosurv.store.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

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
                bus.<AuditAppend>consumer(AuditTrail.ADDRESS, Guarded.handler(this::append))
                        .completion(),
                bus.<TokenCreation>consumer(TOKEN_CREATE, Guarded.handler(this::create))
                        .completion(),
                bus.<Object>consumer(TOKEN_LIST, Guarded.handler(this::list)).completion(),
                bus.<TokenRevocation>consumer(TOKEN_REVOKE, Guarded.handler(this::revoke))
                        .completion(),
                bus.<AuditQuery>consumer(AUDIT_READ, Guarded.handler(this::read)).completion()));
    }

    private void append(Message<AuditAppend> m) {
        AuditAppend e = m.body();
        audit.append(e.actor().name(), e.actor().role().key(), e.action(), e.target(),
                e.detail());
    }

    /** A token made, with the token shown this once (the 201's body). */
    private void create(Message<TokenCreation> m) {
        TokenCreation q = m.body();
        Tokens.Issued issued = Tokens.issue();
        StoredToken t = store.insert(issued.id(), q.name(), q.role().key(),
                issued.salt(), issued.hash(), "api");
        tokens.put(t);
        changed();
        audit.append(q.actor().name(), q.actor().role().key(), "token.create", t.id(),
                "name " + t.name() + ", role " + t.role());
        m.reply(new TokenCreated(t.id(), issued.token(), t.role(), t.name()));
    }

    /** A token made on another node, read from the shared store before it is refused. */
    private void lookup(Message<String> m) {
        var token = store.get(m.body());
        token.ifPresent(tokens::put);
        m.reply(token.isPresent());
    }

    private void list(Message<Object> m) {
        m.reply(new TokenList(store.list()));
    }

    private void revoke(Message<TokenRevocation> m) {
        String id = m.body().id();
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
        audit.append(m.body().actor().name(), m.body().actor().role().key(),
                "token.revoke", id, "name " + token.get().name());
        m.reply(true);
    }

    private void read(Message<AuditQuery> m) {
        m.reply(new AuditEntries(audit.newest(m.body().limit(), m.body().before())));
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
}
