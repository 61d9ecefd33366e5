package io.oncosurv.server;

import io.oncosurv.report.cli.ReportCommand;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import picocli.CommandLine;

/**
 * {@code oncosurv} runs the server with the settings of the environment (see
 * {@link ServerConfig}); {@code oncosurv report ...} makes a report without a server
 * ({@link ReportCommand}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("report")) {
            System.exit(new CommandLine(new ReportCommand()).execute(
                    java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length == 5 && args[0].equals("token") && args[1].equals("--role")
                && args[3].equals("--name")) {
            try {
                String[] issued = ConfigTokens.issue(Role.parse(args[2]), args[4]);
                System.out.println("token (give it to its holder; it is not stored): "
                        + issued[0]);
                System.out.println("config line (the file named by ONCOSURV_CONFIG): "
                        + issued[1]);
                System.exit(0);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
        }
        if (args.length > 0) {
            System.err.println("usage: oncosurv            (the server; settings from "
                    + "ONCOSURV_* variables)\n       oncosurv report --spec SPEC --cohort FILE "
                    + "--out DIR\n       oncosurv token --role ROLE --name NAME   (a token for "
                    + "the config file)");
            System.exit(2);
        }
        ServerConfig config;
        ClusterSettings cluster;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
            cluster = ClusterSettings.fromEnvironment(System.getenv());
            ClusterStart.check(cluster, config);
        } catch (IllegalArgumentException e) {
            System.err.println("OncoSurv did not start: " + e.getMessage());
            System.exit(1);
            return;
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
    }
}
