package io.oncosurv.server;

import io.oncosurv.report.Pages;
import io.oncosurv.report.Templates;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.Database;
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

    private final ServerConfig config;
    private final AtomicInteger port =
            new AtomicInteger();
    private Database database;

    public MainVerticle(ServerConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        Messages.registerCodecs(vertx.eventBus());
        return vertx.executeBlocking(() -> {
            Files.createDirectories(config.dataDir());
            database = Database.open(config.dataDir());
            return AdminToken.resolve(config);
        }).compose(token -> {
            CohortStore store = new CohortStore(database, Clock.systemUTC());
            DeploymentOptions workers = new DeploymentOptions()
                    .setThreadingModel(ThreadingModel.WORKER).setInstances(2)
                    .setWorkerPoolName("oncosurv-workers").setWorkerPoolSize(4);
            Caches caches = new Caches();
            Pages pages = new Pages(new Templates(), Clock.systemUTC());
            Figures figures = new ChartFigures();
            return vertx.deployVerticle(() -> new CohortWorker(store, caches), workers)
                    .compose(id -> vertx.deployVerticle(() -> new AnalysisWorker(store, caches),
                            workers))
                    .compose(id -> vertx.deployVerticle(() -> new ReportWorker(store, caches,
                            pages, figures), workers))
                    .compose(id -> vertx.deployVerticle(() -> new FigureWorker(store, caches),
                            workers))
                    .compose(id -> vertx.executeBlocking(() -> {
                        SampleCohorts.loadIfAbsent(config.sampleCohorts(), store);
                        return null;
                    }))
                    .compose(v -> vertx.deployVerticle(new HttpVerticle(config, token,
                            new Sessions(Clock.systemUTC()), port)));
        });
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
