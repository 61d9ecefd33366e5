package io.oncosurv.server.http;

import io.oncosurv.cohort.Problem;
import io.oncosurv.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An error answer of the contract, {@code {"error": "one sentence", "problems": [...]}}, with its
 * HTTP status. Thrown by handlers, carried across the event bus as a reply failure (status as the
 * failure code, the JSON as the message), and written by the router's failure handler.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonObject body;

    public ApiError(int status, String error, List<Problem> problems) {
        super(error);
        this.status = status;
        JsonArray list = new JsonArray();
        for (Problem p : problems) {
            list.add(Json.problem(p));
        }
        this.body = new JsonObject().put("error", error).put("problems", list);
    }

    /** An error whose problems are written already (a spec's, located by key). */
    public ApiError(int status, String error, JsonArray problems) {
        super(error);
        this.status = status;
        this.body = new JsonObject().put("error", error).put("problems", problems.copy());
    }

    public ApiError(int status, String error) {
        this(status, error, List.of());
    }

    /** The 404 of an id that names no stored cohort. */
    public static ApiError noCohort(String id) {
        return new ApiError(404, "No cohort has the id '" + id + "'.");
    }

    /**
     * The 400 of a request whose URI cannot be decoded, e.g. {@code ?endpoint=%}: Vert.x refuses
     * it before any route runs, so the cause may be unknown; a known one ends with the whole URI,
     * which is left out.
     */
    static ApiError unreadableUri(Throwable cause) {
        String reason = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        int uri = reason.indexOf(" of: ");
        return new ApiError(400, "The request URI cannot be read" + (reason.isEmpty() ? ""
                : " (" + (uri < 0 ? reason : reason.substring(0, uri)) + ")") + ": a '%' must "
                + "be followed by two hex digits, as in %2F.");
    }

    /** The 404 of a path that no route serves. */
    static ApiError noRoute(String method, String path) {
        String shown = path == null ? "" : path.length() > 200 ? path.substring(0, 200) + "…"
                : path;
        return new ApiError(404, "Nothing answers " + method + " '" + shown + "'; the "
                + "endpoints are listed in shared/contract/api.md.");
    }

    /** Fails a bus message with this error: its status as the code, its JSON as the text. */
    public void failing(io.vertx.core.eventbus.Message<?> message) {
        message.fail(status, body.encode());
    }

    public int status() {
        return status;
    }

    public JsonObject body() {
        return body;
    }
}
