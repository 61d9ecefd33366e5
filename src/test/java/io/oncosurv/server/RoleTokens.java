package io.oncosurv.server;

import io.vertx.core.buffer.Buffer;

/** A token of a role, made by the admin of a test server. */
final class RoleTokens {

    private RoleTokens() {
    }

    static String create(LungServer server, String role) {
        return server.client().post("/api/tokens").bearerTokenAuthentication(LungServer.TOKEN)
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(
                        "{\"role\": \"" + role + "\", \"name\": \"" + role + " for a test\"}"))
                .await().bodyAsJsonObject().getString("token");
    }
}
