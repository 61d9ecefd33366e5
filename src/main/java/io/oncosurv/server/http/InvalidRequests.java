package io.oncosurv.server.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder refuses before any route sees them (a request line or headers too
 * long, a line it cannot parse) are answered with the contract's JSON error too, never an
 * empty body; Vert.x closes the connection after the answer.
 */
public final class InvalidRequests {

    private InvalidRequests() {
    }

    static void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null
                : request.decoderResult().cause();
        ApiError error;
        if (cause instanceof TooLongHttpLineException) {
            error = new ApiError(414, "The request line is longer than "
                    + HttpVerticle.MAX_REQUEST_LINE + " bytes: send long lists in fewer "
                    + "parameters, or a report spec (POST /api/reports) for a large analysis.");
        } else if (cause instanceof TooLongHttpHeaderException
                || cause instanceof TooLongFrameException) {
            error = new ApiError(431, "The request's headers are larger than the server "
                    + "accepts (8192 bytes in all).");
        } else {
            error = new ApiError(400, "The request could not be read as HTTP/1.1.");
        }
        request.response().setStatusCode(error.status())
                .putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close").end(error.body().encode());
    }
}
