package io.oncosurv.server;

import io.vertx.core.Vertx;

/** Runs the server with the settings of the environment (see {@link ServerConfig}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(new MainVerticle(config))
                .onSuccess(id -> System.out.println("OncoSurv listening on http://"
                        + config.host() + ":" + config.port()))
                .onFailure(e -> {
                    System.err.println("OncoSurv did not start: " + e.getMessage());
                    e.printStackTrace();
                    vertx.close();
                    System.exit(1);
                });
    }
}
