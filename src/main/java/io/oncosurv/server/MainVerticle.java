package io.oncosurv.server;

import io.oncosurv.report.AnalysisCache;
import io.oncosurv.report.Pages;
import io.oncosurv.report.Templates;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.Database;
import io.oncosurv.store.AuditLog;
import io.oncosurv.store.ReportStore;
import io.oncosurv.store.TokenStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens the store, deploys the worker verticles and the HTTP verticle, and loads the sample
 * cohorts on first start. Deployment fails (and the process exits) if any of them fails.
 */
public final class MainVerticle extends VerticleBase {

    static final int DEFAULT_REPORT_QUEUE = 64;
    static final int REPORT_RUNNERS = 2;

    private final ServerConfig config;
    private final int reportQueue;
    private final boolean clustered;
    private final Caches caches = new Caches();
    private final AtomicInteger port =
            new AtomicInteger();
    private Database database;

    public MainVerticle(ServerConfig config) {
        this(config, DEFAULT_REPORT_QUEUE);
    }

    /** @param reportQueue report jobs queued or running at most; more are refused (503) */
    public MainVerticle(ServerConfig config, int reportQueue) {
        this(config, reportQueue, false);
    }

    /** @param clustered whether the event bus is shared with other nodes */
    public MainVerticle(ServerConfig config, boolean clustered) {
        this(config, DEFAULT_REPORT_QUEUE, clustered);
    }

    private MainVerticle(ServerConfig config, int reportQueue, boolean clustered) {
        this.config = config;
        this.reportQueue = reportQueue;
        this.clustered = clustered;
    }

    @Override
    public Future<?> start() {
        Messages.registerCodecs(vertx.eventBus());
        Sessions sessions = new Sessions(Clock.systemUTC());
        return vertx.executeBlocking(() -> {
            Files.createDirectories(config.dataDir());
            database = config.database() == null ? Database.open(config.dataDir())
                    : Database.openPostgres(config.database().url(), config.database().user(),
                            config.database().password());
            new CohortStore(database, Clock.systemUTC()).verifyAll(); // damaged: do not start
            Tokens tokens = new Tokens(AdminToken.resolve(config));
            TokenStore tokenStore = new TokenStore(database, Clock.systemUTC());
            ConfigTokens.apply(config.tokens(), tokenStore);
            tokens.load(tokenStore.list());
            return tokens;
        }).compose(tokens -> {
            CohortStore store = new CohortStore(database, Clock.systemUTC());
            AuditLog audit = new AuditLog(database, Clock.systemUTC());
            return deployWorkers(store, new ReportStore(database, Clock.systemUTC(),
                    config.node(), java.time.Duration.ofSeconds(config.reportLeaseSeconds())),
                    audit)
                    .compose(v -> vertx.deployVerticle(() -> new AdminWorker(new TokenStore(
                            database, Clock.systemUTC()), tokens, sessions, audit,
                            config.database() != null),
                            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                                    .setWorkerPoolName("oncosurv-workers")))
                    .compose(v -> vertx.executeBlocking(() -> {
                        SampleCohorts.loadIfAbsent(config.sampleCohorts(), store);
                        return null;
                    }))
                    .compose(v -> vertx.deployVerticle(new HttpVerticle(config, new Access(
                            tokens, sessions, new AuthLimiter(Clock.systemUTC())), sessions,
                            caches, clustered, port)));
        });
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
        Pages pages = new Pages(templates, Clock.systemUTC());
        Figures figures = new ChartFigures();
        AnalysisCache analyses = new AnalysisCache(1024);
        return vertx.deployVerticle(() -> new CohortWorker(store, caches, audit), workers)
                .compose(id -> vertx.deployVerticle(() -> new AnalysisWorker(store, caches,
                        config.node()),
                        workers))
                .compose(id -> vertx.deployVerticle(() -> new ReportWorker(store, reports,
                        caches, pages, figures), workers))
                .compose(id -> vertx.deployVerticle(() -> new FigureWorker(store, caches),
                        workers))
                .compose(id -> vertx.deployVerticle(() -> new ReportJobs(reports, store, caches,
                        analyses, templates), jobs))
                .compose(id -> vertx.deployVerticle(() -> new ReportDesk(reports, store,
                        reportQueue, audit, config.database() != null),
                        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                                .setWorkerPoolName("oncosurv-workers")));
    }

    /** The port the HTTP server listens on (the one chosen by the system when 0 was asked). */
    public int port() {
        return port.get();
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(() -> {
            if (database != null) {
                database.close();
            }
            return null;
        });
    }
}
