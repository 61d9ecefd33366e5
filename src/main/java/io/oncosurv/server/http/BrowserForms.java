package io.oncosurv.server.http;

import io.oncosurv.report.Pages;
import io.oncosurv.report.Templates;
import io.oncosurv.report.TokenRow;
import io.oncosurv.server.auth.Access;
import io.oncosurv.server.auth.Principal;
import io.oncosurv.server.auth.Role.Permission;
import io.oncosurv.server.auth.Role;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.worker.AdminWorker;
import io.oncosurv.server.worker.ReportWorker;
import io.oncosurv.store.StoredCohort;
import io.oncosurv.store.StoredToken;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages that write, for the roles that may: upload ({@code GET /upload}; the file goes to
 * {@code POST /upload}, declared with the API's upload in {@link HttpVerticle}), delete a cohort
 * ({@code GET} then {@code POST /cohorts/{id}/delete}), and the admin's tokens
 * ({@code GET /tokens}, {@code POST /tokens}, {@code POST /tokens/{id}/revoke}). The POSTs
 * pass the form gate ({@link RouteTable#form}: same origin, then the session, the permission
 * and the session's form token, which these pages carry).
 */
public final class BrowserForms {

    private static final String SMALL_FORM = "The form is larger than 4096 bytes.";

    private final Vertx vertx;
    private final Access access;
    private Pages pages; // made on first use, off the event loop (render)
    private final long uploadLimit;

    BrowserForms(Vertx vertx, Access access, long uploadLimit) {
        this.vertx = vertx;
        this.access = access;
        this.uploadLimit = uploadLimit;
    }

    void add(RouteTable routes) {
        routes.page("/upload", Permission.UPLOAD).handler(this::uploadPage);
        routes.page("/tokens", Permission.ADMINISTER).handler(ctx -> tokensPage(ctx, null, null,
                null, 200));
        routes.form(HttpMethod.POST, "/tokens", Permission.ADMINISTER).body(smallForm(),
                SMALL_FORM).handler(this::createToken);
        routes.form(HttpMethod.POST, "/tokens/:id/revoke", Permission.ADMINISTER)
                .body(smallForm(), SMALL_FORM).handler(this::revokeToken);
        routes.page("/cohorts/:id/delete", Permission.DELETE).handler(this::deletePage);
        routes.form(HttpMethod.POST, "/cohorts/:id/delete", Permission.DELETE)
                .body(smallForm(), SMALL_FORM).handler(this::delete);
    }

    private static BodyHandler smallForm() {
        return BodyHandler.create().setBodyLimit(4096).setHandleFileUploads(false);
    }

    private void uploadPage(RoutingContext ctx) {
        String token = access.formToken(ctx);
        vertx.eventBus().<Messages.CohortList>request(Messages.COHORT_LIST, "",
                Deadlines.options(ctx)).compose(reply -> {
                    List<String> names = reply.body().cohorts().stream().map(StoredCohort::name)
                            .distinct().sorted().toList();
                    return render(pages -> pages.upload(token, names, megabytes(uploadLimit)));
                }).onSuccess(html -> html(ctx, 200, html)).onFailure(e -> HttpVerticle.fail(ctx,
                        e));
    }

    private void deletePage(RoutingContext ctx) {
        String token = access.formToken(ctx);
        vertx.eventBus().<StoredCohort>request(Messages.COHORT_GET, ctx.pathParam("id"),
                Deadlines.options(ctx)).compose(reply -> render(pages -> pages.deleteCohort(
                        reply.body(), token)))
                .onSuccess(html -> html(ctx, 200, html))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private void delete(RoutingContext ctx) {
        vertx.eventBus().<Boolean>request(Messages.COHORT_DELETE, new Messages.Deletion(
                ctx.pathParam("id"), ctx.get(Access.PRINCIPAL)), Deadlines.options(ctx))
                .onSuccess(reply -> {
                    if (reply.body()) {
                        ctx.response().setStatusCode(303).putHeader("Location", "/").end();
                    } else {
                        HttpVerticle.fail(ctx, ApiError.noCohort(ctx.pathParam("id")));
                    }
                }).onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private void createToken(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        String name = form.get("name") == null ? "" : form.get("name").strip();
        Role role;
        try {
            role = Role.parse(String.valueOf(form.get("role")));
        } catch (IllegalArgumentException e) {
            tokensPage(ctx, null, null, "The " + e.getMessage() + ".", 422);
            return;
        }
        if (name.isEmpty() || name.length() > 200
                || name.chars().anyMatch(Character::isISOControl)) {
            tokensPage(ctx, null, null, "The name must be 1 to 200 printable characters, e.g. "
                    + "\"ward 7 tablet\".", 422);
            return;
        }
        Principal who = ctx.get(Access.PRINCIPAL);
        vertx.eventBus().<Messages.TokenCreated>request(AdminWorker.TOKEN_CREATE,
                new Messages.TokenCreation(role, name, who), Deadlines.options(ctx))
                .onSuccess(r -> tokensPage(ctx, new TokenRow(r.body().id(), r.body().name(),
                        r.body().role(), "api", "", null), r.body().token(), null, 201))
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    private void revokeToken(RoutingContext ctx) {
        Principal who = ctx.get(Access.PRINCIPAL);
        vertx.eventBus().request(AdminWorker.TOKEN_REVOKE,
                new Messages.TokenRevocation(ctx.pathParam("id"), who), Deadlines.options(ctx))
                .onSuccess(r -> ctx.response().setStatusCode(303).putHeader("Location",
                        "/tokens").end())
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** The token page; after a creation with the new token shown this once (never in a URL). */
    private void tokensPage(RoutingContext ctx, TokenRow created, String createdToken,
            String error, int status) {
        String token = access.formToken(ctx);
        vertx.eventBus().<Messages.TokenList>request(AdminWorker.TOKEN_LIST, "",
                Deadlines.options(ctx)).compose(reply -> {
                    List<TokenRow> rows = new ArrayList<>();
                    for (StoredToken t : reply.body().tokens()) {
                        rows.add(new TokenRow(t.id(), t.name(), t.role(), t.source(),
                                t.createdAt().toString(), t.revokedAt() == null ? null
                                        : t.revokedAt().toString()));
                    }
                    return render(pages -> pages.tokens(token, rows, created, createdToken,
                            error));
                }).onSuccess(html -> html(ctx, status, html)) // no-store: SecurityHeaders
                .onFailure(e -> HttpVerticle.fail(ctx, e));
    }

    /** Templates load and render off the event loop. */
    private Future<String> render(java.util.function.Function<Pages, String> page) {
        return vertx.executeBlocking(() -> page.apply(pages()), false);
    }

    private synchronized Pages pages() {
        if (pages == null) {
            pages = new Pages(new Templates(), Clock.systemUTC());
        }
        return pages;
    }

    private static void html(RoutingContext ctx, int status, String html) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", ReportWorker.HTML)
                .end(html);
    }

    static String megabytes(long bytes) {
        return bytes % 1_048_576 == 0 ? bytes / 1_048_576 + " MiB"
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1_048_576.0);
    }
}
