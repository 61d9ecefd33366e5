package io.oncosurv.server.http;

import io.oncosurv.cohort.CohortNames;
import io.oncosurv.json.Json;
import io.oncosurv.server.ServerConfig;
import io.oncosurv.server.auth.Access;
import io.oncosurv.server.auth.AuditTrail;
import io.oncosurv.server.auth.Principal;
import io.oncosurv.server.auth.Role.Permission;
import io.oncosurv.server.auth.Sessions;
import io.oncosurv.server.bus.DamagedCohorts;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.bus.Operations;
import io.oncosurv.store.StoredCohort;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP API of shared/contract/api.md. Handlers stay thin: they check the request, send it to
 * a worker verticle over the event bus and write the answer; nothing here blocks.
 */
public final class HttpVerticle extends VerticleBase {

    /** Bytes of a request line; longer ones are answered 414 ({@link InvalidRequests}). */
    static final int MAX_REQUEST_LINE = 8192;

    private final ServerConfig config;
    private final Access access;
    private final Sessions sessions;
    private final boolean clustered;
    private final AtomicInteger actualPort;
    private final Readiness readiness;

    public HttpVerticle(ServerConfig config, Access access, Sessions sessions, boolean clustered,
            AtomicInteger actualPort, Readiness readiness) {
        this.readiness = readiness;
        this.clustered = clustered;
        this.config = config;
        this.sessions = sessions;
        this.access = access;
        this.actualPort = actualPort;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        Overload overload = new Overload();
        router.route().handler(SecurityHeaders::add);
        router.route().handler(CompressedJson::mark); // gzip for large JSON only
        router.route().handler(readiness::gate); // 503 but for /health until the store is open
        router.route().handler(overload::handle);
        RouteTable routes = new RouteTable(router, access, new AuditTrail(vertx), overload);
        routes.open(HttpMethod.GET, "/health").handler(this::health);
        PageRoutes pages = new PageRoutes(vertx, access, sessions, clustered);
        pages.addPublic(routes);
        pages.addProtected(routes);
        new ReportRoutes(vertx).add(routes);
        new ReportForm(vertx, access).add(routes);
        new AdminRoutes(vertx).add(routes);
        BrowserForms forms = new BrowserForms(vertx, access, config.uploadLimit());
        forms.add(routes);
        // bytes counted as they arrive: the limit (413), 3 × the limit for all uploads (503),
        // a minimum pace (408); read only once the caller may upload
        UploadBody uploadBody = new UploadBody(new UploadBudget(3 * config.uploadLimit()),
                config.uploadLimit(), config.uploadPace());
        routes.api(HttpMethod.POST, "/api/cohorts", Permission.UPLOAD)
                .before(uploadBody::handle).handler(this::upload);
        // the upload page's script: the same body reading, budget and answer, for a session
        // from this site's page with its form token (BrowserForms)
        routes.form(HttpMethod.POST, "/upload", Permission.UPLOAD).before(uploadBody::handle)
                .handler(this::upload);
        routes.api(HttpMethod.GET, "/api/cohorts", Permission.READ).handler(this::list);
        routes.api(HttpMethod.GET, "/api/cohorts/:id", Permission.READ).handler(this::get);
        routes.api(HttpMethod.DELETE, "/api/cohorts/:id", Permission.DELETE)
                .handler(this::delete);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/file", Permission.ROWS)
                .records(RouteTable.Record.COHORT_FILE).handler(this::file);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/survival", Permission.READ)
                .handler(this::survival);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/cox", Permission.READ).handler(this::cox);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/exposure-bias", Permission.READ)
                .handler(this::exposureBias);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/subgroups", Permission.READ)
                .handler(this::subgroups);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/weighted", Permission.READ)
                .handler(ctx -> Operations.answer(vertx, ctx, new Messages.WeightedQuery(
                        ctx.pathParam("id"), WeightedParameters.parse(ctx.queryParams())),
                        clustered));
        new WeightedDownloadRoutes(vertx, clustered).add(routes);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/cumulative-incidence", Permission.READ)
                .handler(this::cumulativeIncidence);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/fine-gray", Permission.READ)
                .handler(this::fineGray);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/cutpoint", Permission.READ)
                .handler(this::cutpoint);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/tte-table", Permission.READ)
                .handler(this::tteTable);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/panel", Permission.READ)
                .handler(this::panel);
        routes.api(HttpMethod.GET, "/api/cohorts/:id/baseline", Permission.READ)
                .handler(this::baseline);
        // a path no route serves still needs a caller first, then is a 404
        routes.fallback("/api/*", RouteTable.Gate.API);
        for (String prefix : List.of("/cohorts/*", "/reports/*", "/tokens/*")) {
            routes.fallback(prefix, RouteTable.Gate.PAGE);
        }
        RouteTable.verify(router);
        router.route().failureHandler(this::failure);
        router.errorHandler(400, ctx -> json(ctx, 400, ApiError.unreadableUri(ctx.failure())
                .body()));
        router.errorHandler(404, ctx -> json(ctx, 404, ApiError.noRoute(ctx.request().method()
                .name(), ctx.request().path()).body()));
        router.errorHandler(405, ctx -> json(ctx, 405, new ApiError(405, "The method "
                + ctx.request().method().name() + " is not allowed here.").body()));
        // a connection idle for 2 minutes is closed (slow or stalled clients hold nothing)
        return vertx.createHttpServer(CompressedJson.on(new HttpServerOptions())
                .setIdleTimeout(120).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS)
                .setMaxInitialLineLength(MAX_REQUEST_LINE))
                .invalidRequestHandler(InvalidRequests::answer)
                .requestHandler(router)
                .listen(config.port(), config.host())
                .onSuccess(server -> actualPort.set(server.actualPort()));
    }

    /** 200 UP; 503 {@code starting} while the store opens (or DOWN if the start failed). */
    private void health(RoutingContext ctx) {
        Readiness.State state = readiness.state();
        if (state == Readiness.State.STARTING) {
            ctx.response().putHeader("Retry-After", Readiness.RETRY_AFTER);
        }
        json(ctx, state == Readiness.State.UP ? 200 : 503, Readiness.health(state));
    }

    private void upload(RoutingContext ctx) {
        String name;
        try {
            name = CohortNames.normalise(ctx.request().getParam("name")); // trimmed too
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
        Messages.Upload upload = uploadOf(ctx, name);
        vertx.eventBus().<Messages.Uploaded>request(Messages.COHORT_UPLOAD, upload,
                Deadlines.options(ctx)).onSuccess(reply -> json(ctx,
                        reply.body().created() ? 201 : 200,
                        Json.cohort(reply.body().cohort(),
                                Principal.mayReadRows(ctx.get(Access.PRINCIPAL)))))
                .onFailure(e -> fail(ctx, e));
    }

    /** An Excel workbook's media type; a workbook is also told by its bytes, in any upload. */
    private static final String XLSX =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The body {@link UploadBody} read, with its delimiter: by media type, or a file's name. */
    private static Messages.Upload uploadOf(RoutingContext ctx, String name) {
        String type = mediaType(ctx.request().getHeader("Content-Type"));
        UploadBody.Received received = UploadBody.received(ctx);
        Principal who = ctx.get(Access.PRINCIPAL);
        String labels = ctx.request().getParam("labels");
        return switch (type) {
            case "text/csv" -> new Messages.Upload(name, bytes(received.body()), ',', who,
                    labels);
            case "text/tab-separated-values" -> new Messages.Upload(name,
                    bytes(received.body()), '\t', who, labels);
            case XLSX -> new Messages.Upload(name, bytes(received.body()), ',', who, labels);
            case "multipart/form-data" -> {
                UploadBody.FilePart file = UploadForm.theFile(received);
                String fileName = file.fileName() == null ? ""
                        : file.fileName().toLowerCase(Locale.ROOT);
                char delimiter = fileName.endsWith(".tsv") || fileName.endsWith(".tab") ? '\t'
                        : 0;
                if (labels != null && received.labelsField() != null) {
                    throw new ApiError(400, "The labels are given twice, in the query and in "
                            + "the form's 'labels' field; give them once.");
                }
                yield new Messages.Upload(name, bytes(file.bytes()), delimiter, who,
                        labels != null ? labels : received.labelsField());
            }
            default -> throw new ApiError(415, "Send the cohort as text/csv, "
                    + "text/tab-separated-values, an .xlsx workbook (" + XLSX + "), or "
                    + "multipart/form-data with a 'file' field; "
                    + "got '" + type + "'.");
        };
    }

    private void list(RoutingContext ctx) {
        vertx.eventBus().<Messages.CohortList>request(Messages.COHORT_LIST, "",
                Deadlines.options(ctx))
                .onSuccess(reply -> {
                    JsonArray all = new JsonArray();
                    Principal reader = ctx.get(Access.PRINCIPAL);
                    boolean rows = Principal.mayReadRows(reader);
                    reply.body().cohorts().forEach(c -> all.add(Json.cohort(c, rows)));
                    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                            .end(all.encode());
                }).onFailure(e -> fail(ctx, e));
    }

    private void get(RoutingContext ctx) {
        vertx.eventBus().<StoredCohort>request(Messages.COHORT_GET,
                ctx.pathParam("id"), Deadlines.options(ctx))
                .onSuccess(reply -> json(ctx, 200, Json.cohort(reply.body(),
                        Principal.mayReadRows(ctx.get(Access.PRINCIPAL)))))
                .onFailure(e -> fail(ctx, e));
    }

    private void delete(RoutingContext ctx) {
        vertx.eventBus().<Boolean>request(Messages.COHORT_DELETE, new Messages.Deletion(
                ctx.pathParam("id"), ctx.get(Access.PRINCIPAL)), Deadlines.options(ctx))
                .onSuccess((Message<Boolean> reply) -> {
                    if (reply.body()) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        fail(ctx, ApiError.noCohort(ctx.pathParam("id")));
                    }
                }).onFailure(e -> fail(ctx, e));
    }

    /** The cohort's file as uploaded: patient rows (the statistician's and admin's only). */
    private void file(RoutingContext ctx) {
        vertx.eventBus().<Messages.CohortFile>request(Messages.COHORT_FILE, ctx.pathParam("id"),
                Deadlines.options(ctx)).onSuccess(reply -> {
                    var f = reply.body();
                    ctx.response().setStatusCode(200).putHeader("Content-Type",
                            "text/plain; charset=utf-8").putHeader("Content-Disposition",
                            "attachment; filename=\"cohort-v" + f.cohort().version() + ".txt\"")
                            .end(Buffer.buffer(f.content()));
                }).onFailure(e -> fail(ctx, e));
    }

    // the operations: checked here into their request records, answered by any node's worker

    private void survival(RoutingContext ctx) {
        Operations.answer(vertx, ctx, new Messages.SurvivalQuery(ctx.pathParam("id"),
                SurvivalParameters.parse(ctx.queryParams()),
                SurvivalParameters.curve(ctx.queryParams())), clustered);
    }

    private void baseline(RoutingContext ctx) {
        Operations.answer(vertx, ctx, new Messages.BaselineQuery(ctx.pathParam("id"),
                BaselineParameters.parse(ctx.queryParams()), Messages.TableFormat.JSON), clustered);
    }

    private void cox(RoutingContext ctx) {
        Operations.answer(vertx, ctx, new Messages.CoxQuery(ctx.pathParam("id"),
                CoxParameters.parse(ctx.queryParams())), clustered);
    }

    private void tteTable(RoutingContext ctx) {
        Operations.answer(vertx, ctx, new Messages.TteTableQuery(ctx.pathParam("id"),
                TteTableParameters.parse(ctx.queryParams()), Messages.TableFormat.JSON), clustered);
    }

    private void exposureBias(RoutingContext ctx) {
        Operations.answer(vertx, ctx, new Messages.ExposureBiasQuery(ctx.pathParam("id"),
                ExposureBiasParameters.parse(ctx.queryParams())), clustered);
    }

    private void subgroups(RoutingContext ctx) {
        Operations.answer(vertx, ctx, new Messages.SubgroupQuery(ctx.pathParam("id"),
                SubgroupParameters.parse(ctx.queryParams())), clustered);
    }

    private void cumulativeIncidence(RoutingContext ctx) {
        Operations.answer(vertx, ctx, new Messages.CumulativeIncidenceQuery(ctx.pathParam("id"),
                CumulativeIncidenceParameters.parse(ctx.queryParams())), clustered);
    }

    private void fineGray(RoutingContext ctx) {
        Operations.answer(vertx, ctx, new Messages.FineGrayQuery(ctx.pathParam("id"),
                FineGrayParameters.parse(ctx.queryParams())), clustered);
    }

    /** The TME panel: every built-in stratifier × each endpoint (or on a cause), with q. */
    private void panel(RoutingContext ctx) {
        Operations.answer(vertx, ctx, new Messages.PanelQuery(ctx.pathParam("id"),
                PanelParameters.endpoints(ctx.queryParams()),
                PanelParameters.subsets(ctx.queryParams()),
                PanelParameters.cause(ctx.queryParams()),
                PanelParameters.from(ctx.queryParams())), clustered);
    }

    /** Data-driven cut-off: endpoint, variable, permutations (0..100000, 1000), seed (1). */
    private void cutpoint(RoutingContext ctx) {
        Operations.answer(vertx, ctx, CutpointParameters.parse(ctx.pathParam("id"),
                ctx.queryParams()), clustered);
    }

    /**
     * Client errors (and 503 "come back later", 507 "no space to store it") from workers keep
     * their status and body; anything else is a 500.
     */
    public static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof ReplyException reply
                && reply.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT) {
            // the workers did not answer in time: busy, not broken
            ctx.response().putHeader("Retry-After", "1");
            ctx.fail(new ApiError(503, "The server is busy: the request did not finish in "
                    + "time; try again."));
            return;
        }
        if (e instanceof ReplyException reply && reply.failureCode() == 503
                && ctx.response().headers().get("Retry-After") == null) {
            ctx.response().putHeader("Retry-After", "1");
        }
        if (e instanceof ReplyException reply && ((reply.failureCode() >= 400
                && reply.failureCode() < 500) || reply.failureCode() == 503
                || reply.failureCode() == 507 || DamagedCohorts.isReply(reply))) {
            ctx.response().setStatusCode(reply.failureCode())
                    .putHeader("Content-Type", "application/json").end(reply.getMessage());
        } else {
            ctx.fail(e);
        }
    }

    private void failure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        ApiError error;
        if (e instanceof ApiError api) {
            error = api;
        } else if (ctx.statusCode() == 413) {
            String sentence = ctx.get(RouteTable.BODY_LIMIT);
            error = new ApiError(413, sentence != null ? sentence : "The request body is too "
                    + "large.");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            error = new ApiError(ctx.statusCode(), "The request could not be handled.");
        } else if (ctx.statusCode() == 503) { // the request's deadline (Overload) passed
            ctx.response().putHeader("Retry-After", "1");
            error = new ApiError(503, "The server is busy: the request did not finish in time; "
                    + "try again.");
        } else {
            error = new ApiError(500, "The server failed; the request changed nothing.");
        }
        if (!ctx.response().ended()) {
            json(ctx, error.status(), error.body());
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
    }

    private static byte[] bytes(Buffer buffer) {
        return buffer == null ? new byte[0] : buffer.getBytes();
    }
}
