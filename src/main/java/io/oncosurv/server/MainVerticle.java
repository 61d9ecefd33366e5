package io.oncosurv.server;

import io.oncosurv.report.AnalysisCache;
import io.oncosurv.report.Pages;
import io.oncosurv.report.Templates;
import io.oncosurv.server.auth.Access;
import io.oncosurv.server.auth.AdminToken;
import io.oncosurv.server.auth.AuthLimiter;
import io.oncosurv.server.auth.ConfigTokens;
import io.oncosurv.server.auth.Sessions;
import io.oncosurv.server.auth.TokenLookup;
import io.oncosurv.server.auth.Tokens;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.HttpVerticle;
import io.oncosurv.server.http.Readiness;
import io.oncosurv.server.worker.AdminWorker;
import io.oncosurv.server.worker.AnalysisWorker;
import io.oncosurv.server.worker.Caches;
import io.oncosurv.server.worker.ChartFigures;
import io.oncosurv.server.worker.CohortWorker;
import io.oncosurv.server.worker.FigureWorker;
import io.oncosurv.server.worker.Figures;
import io.oncosurv.server.worker.ReportDesk;
import io.oncosurv.server.worker.ReportJobs;
import io.oncosurv.server.worker.ReportLeases;
import io.oncosurv.server.worker.ReportWorker;
import io.oncosurv.store.AuditLog;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.DamagedCohortException;
import io.oncosurv.store.Database;
import io.oncosurv.store.ReportStore;
import io.oncosurv.store.TokenStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens first (so that {@code /health} answers {@code starting} at once), then opens the
 * store, deploys the worker verticles and loads the sample cohorts on first start; then the
 * server is UP, and the stored cohorts are checked against their SHA-256 in the background
 * (every read checks its cohort too). Deployment fails (and the process exits) if any step
 * before UP fails; {@code /health} never says UP then.
 */
public final class MainVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

    static final int DEFAULT_REPORT_QUEUE = 64;
    static final int REPORT_RUNNERS = 2;

    private final ServerConfig config;
    private final int reportQueue;
    private final boolean clustered;
    private final Function<ServerConfig, Database> openStore;
    /** The one clock of every store, session and page of this server. */
    private final Clock clock = Clock.systemUTC();
    private final Caches caches = new Caches();
    private final AtomicInteger port =
            new AtomicInteger();
    private final Readiness readiness = new Readiness();
    private final Promise<List<DamagedCohortException>> checked = Promise.promise();
    private Database database;
    /** Opened with the store; the admin worker and the configured tokens share it. */
    private TokenStore tokenStore;
    private volatile boolean stopping;
    private Future<?> check = Future.succeededFuture();

    public MainVerticle(ServerConfig config) {
        this(config, DEFAULT_REPORT_QUEUE);
    }

    /** @param reportQueue report jobs queued or running at most; more are refused (503) */
    public MainVerticle(ServerConfig config, int reportQueue) {
        this(config, reportQueue, false, MainVerticle::openStore);
    }

    /** @param clustered whether the event bus is shared with other nodes */
    public MainVerticle(ServerConfig config, boolean clustered) {
        this(config, DEFAULT_REPORT_QUEUE, clustered, MainVerticle::openStore);
    }

    /** @param openStore opens the store (blocking); tests wrap it to hold the start there */
    MainVerticle(ServerConfig config, int reportQueue, boolean clustered,
            Function<ServerConfig, Database> openStore) {
        this.config = config;
        this.reportQueue = reportQueue;
        this.clustered = clustered;
        this.openStore = openStore;
    }

    /** The store of the settings: the H2 file in the data directory, or PostgreSQL. */
    static Database openStore(ServerConfig config) {
        return config.database() == null ? Database.open(config.dataDir())
                : Database.openPostgres(config.database().url(), config.database().user(),
                        config.database().password());
    }

    @Override
    public Future<?> start() {
        Messages.registerCodecs(vertx.eventBus());
        Sessions sessions = new Sessions(clock);
        StartupTimes times = new StartupTimes();
        return vertx.executeBlocking(() -> {
            Files.createDirectories(config.dataDir());
            return new Tokens(AdminToken.resolve(config));
        }).compose(tokens -> vertx.deployVerticle(new HttpVerticle(config, new Access(tokens,
                sessions, new AuthLimiter(clock), TokenLookup.onBus(vertx)),
                sessions, clustered, port, readiness)).compose(id -> {
                    times.done("listening");
                    return vertx.executeBlocking(() -> open(tokens, times));
                }).compose(store -> deployWorkers(store, tokens, sessions, times)))
                .onSuccess(store -> {
                    readiness.up();
                    LOG.info("startup: UP after {} ms ({})", times.millis(), times);
                    checkInBackground(store);
                }).onFailure(e -> readiness.failed());
    }

    /** Blocking: opens and migrates the store, loads the tokens. */
    private CohortStore open(Tokens tokens, StartupTimes times) {
        database = openStore.apply(config);
        tokenStore = new TokenStore(database, clock);
        ConfigTokens.apply(config.tokens(), tokenStore);
        tokens.load(tokenStore.list());
        times.done("store", " (database " + database.opening().engineMillis()
                + " ms, migrations " + database.opening().migrationMillis() + " ms)");
        return new CohortStore(database, clock);
    }

    private Future<CohortStore> deployWorkers(CohortStore store, Tokens tokens,
            Sessions sessions, StartupTimes times) {
        AuditLog audit = new AuditLog(database, clock);
        return deployWorkers(store, new ReportStore(database, clock, config.node(),
                java.time.Duration.ofSeconds(config.reportLeaseSeconds())), audit)
                .compose(v -> vertx.deployVerticle(() -> new AdminWorker(tokenStore, tokens,
                        sessions, audit, config.database() != null),
                        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                                .setWorkerPoolName("oncosurv-workers")))
                .compose(v -> vertx.executeBlocking(() -> {
                    times.done("workers and report jobs");
                    SampleCohorts.loadIfAbsent(config.sampleCohorts(), store);
                    times.done("sample cohorts");
                    return store;
                }));
    }

    /**
     * Reads every stored cohort back against its SHA-256, one at a time on a thread of its own,
     * after the server is UP: damage is logged without waiting for a query to meet it (a read
     * refuses a damaged cohort in any case).
     */
    private void checkInBackground(CohortStore store) {
        WorkerExecutor checker = vertx.createSharedWorkerExecutor("oncosurv-store-check", 1);
        long start = System.nanoTime();
        Future<List<DamagedCohortException>> damaged =
                checker.executeBlocking(() -> store.verifyAll(() -> !stopping));
        check = damaged;
        damaged.onComplete(result -> {
            checker.close();
            if (result.failed()) {
                LOG.warn("the check of the stored cohorts stopped: {}",
                        result.cause().getMessage());
            } else if (stopping) {
                LOG.info("the check of the stored cohorts stopped with the server");
            } else if (result.result().isEmpty()) {
                LOG.info("stored cohorts checked against their SHA-256 in {} ms: all whole",
                        millisSince(start));
            } else {
                result.result().forEach(e -> LOG.error("{}", e.getMessage()));
                LOG.error("{} stored cohorts are damaged and will not be served: restore the "
                        + "database from a backup", result.result().size());
            }
        }).onComplete(checked);
    }

    /** The background check's result: the damaged cohorts (tests wait on it). */
    Future<List<DamagedCohortException>> checked() {
        return checked.future();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * The worker verticles: two instances of each on the shared pool; report jobs on a pool of
     * their own (long runs never hold the threads queries use), their runners before the desk
     * that sends them work (it resumes unfinished jobs as it starts).
     */
    private Future<?> deployWorkers(CohortStore store, ReportStore reports, AuditLog audit) {
        DeploymentOptions workers = new DeploymentOptions()
                .setThreadingModel(ThreadingModel.WORKER).setInstances(2)
                .setWorkerPoolName("oncosurv-workers").setWorkerPoolSize(4);
        DeploymentOptions jobs = new DeploymentOptions()
                .setThreadingModel(ThreadingModel.WORKER).setInstances(REPORT_RUNNERS)
                .setWorkerPoolName("oncosurv-report-jobs").setWorkerPoolSize(REPORT_RUNNERS);
        Templates templates = new Templates();
        Pages pages = new Pages(templates, clock);
        Figures figures = new ChartFigures();
        AnalysisCache analyses = new AnalysisCache(1024);
        return vertx.deployVerticle(() -> new CohortWorker(store, caches, audit), workers)
                .compose(id -> vertx.deployVerticle(() -> new AnalysisWorker(store, caches,
                        config.node()),
                        workers))
                .compose(id -> vertx.deployVerticle(() -> new ReportWorker(store, reports,
                        caches, pages, figures, config.node()), workers))
                .compose(id -> vertx.deployVerticle(() -> new FigureWorker(store, caches,
                        config.node()),
                        workers))
                .compose(id -> vertx.deployVerticle(new ReportLeases(reports), new
                        DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                                .setWorkerPoolName(ReportLeases.POOL).setWorkerPoolSize(1)))
                .compose(id -> vertx.deployVerticle(() -> new ReportJobs(reports, store, caches,
                        analyses, templates), jobs))
                .compose(id -> vertx.deployVerticle(() -> new ReportDesk(reports, store,
                        caches, reportQueue, audit, config.database() != null),
                        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                                .setWorkerPoolName("oncosurv-workers")));
    }

    /** The port the HTTP server listens on (the one chosen by the system when 0 was asked). */
    public int port() {
        return port.get();
    }

    @Override
    public Future<?> stop() {
        stopping = true; // the background check ends after its current cohort
        return check.transform(done -> vertx.executeBlocking(() -> {
            if (database != null) {
                database.close();
            }
            return null;
        }));
    }
}
