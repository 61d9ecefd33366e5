package io.oncosurv.server;

import io.oncosurv.report.Provenance;
import io.oncosurv.report.cli.ReportCommand;
import io.oncosurv.server.bus.ClusterSettings;
import io.oncosurv.server.bus.ClusterStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code oncosurv} runs the server with the settings of the environment (see
 * {@link ServerConfig}); {@code oncosurv report ...} makes a report without a server
 * ({@link ReportCommand}); {@code oncosurv token ...} makes an API token ({@link TokenCommand}).
 * Every command is parsed by picocli: a wrong argument prints the reason and the usage on stderr
 * and exits 2.
 */
@Command(name = "oncosurv", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {ReportCommand.class, TokenCommand.class},
        description = "With no command: the server (settings from ONCOSURV_* variables).")
public final class Main implements Callable<Integer> {

    private boolean serving;

    /** {@code oncosurv --version}: the version every report's provenance names. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"OncoSurv " + Provenance.version()};
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        Main main = new Main();
        int exit = new CommandLine(main).execute(args);
        if (!main.serving) {
            System.exit(exit);
        }
    }

    /** Starts the server; the process lives on with it (exit 1 if it does not start). */
    @Override
    public Integer call() {
        serving = true;
        ServerConfig config;
        ClusterSettings cluster;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
            cluster = ClusterSettings.fromEnvironment(System.getenv());
            ClusterStart.check(cluster, config);
        } catch (IllegalArgumentException e) {
            System.err.println("OncoSurv did not start: " + e.getMessage());
            System.exit(1);
            return 1;
        }
        Future<Vertx> started = cluster.enabled() ? ClusterStart.join(cluster)
                : Future.succeededFuture(Vertx.vertx());
        started.compose(vertx -> vertx.deployVerticle(new MainVerticle(config, cluster.enabled()))
                .onFailure(e -> vertx.close()))
                .onSuccess(id -> System.out.println("OncoSurv listening on http://"
                        + config.host() + ":" + config.port()
                        + (cluster.enabled() ? " (clustered)" : "")))
                .onFailure(e -> {
                    System.err.println("OncoSurv did not start: " + e.getMessage());
                    e.printStackTrace();
                    System.exit(1);
                });
        return 0;
    }
}
