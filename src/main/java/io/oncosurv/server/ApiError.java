package io.oncosurv.server;

import io.oncosurv.cohort.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An error answer of the contract, {@code {"error": "one sentence", "problems": [...]}}, with its
 * HTTP status. Thrown by handlers, carried across the event bus as a reply failure (status as the
 * failure code, the JSON as the message), and written by the router's failure handler.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonObject body;

    ApiError(int status, String error, List<Problem> problems) {
        super(error);
        this.status = status;
        JsonArray list = new JsonArray();
        for (Problem p : problems) {
            list.add(Json.problem(p));
        }
        this.body = new JsonObject().put("error", error).put("problems", list);
    }

    ApiError(int status, String error) {
        this(status, error, List.of());
    }

    /** The 404 of an id that names no stored cohort. */
    static ApiError noCohort(String id) {
        return new ApiError(404, "No cohort has the id '" + id + "'.");
    }

    /** Fails a bus message with this error: its status as the code, its JSON as the text. */
    void failing(io.vertx.core.eventbus.Message<?> message) {
        message.fail(status, body.encode());
    }

    int status() {
        return status;
    }

    JsonObject body() {
        return body;
    }
}
