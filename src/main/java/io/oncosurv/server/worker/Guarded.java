package io.oncosurv.server.worker;

import io.oncosurv.server.bus.DamagedCohorts;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.DamagedCohortException;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Event bus handlers of the workers, each wrapped so that a bug is a logged 500 reply at once. */
public final class Guarded {

    private static final Logger LOG = LoggerFactory.getLogger(Guarded.class);

    private Guarded() {
    }

    /**
     * A bug in a handler becomes a logged 500 reply at once; unanswered, the HTTP request would
     * wait for the event bus timeout. Errors too (a worker out of memory or stack on one
     * request): Vert.x would log them and carry on, leaving the request unanswered for minutes.
     */
    public static <T> Handler<Message<T>> handler(Handler<Message<T>> handler) {
        return message -> {
            if (Deadlines.passed(message.headers())) { // its client has stopped waiting
                message.fail(503, new ApiError(503, "The server is busy: the request waited "
                        + "past its deadline; try again.").body().encode());
                return;
            }
            try {
                handler.handle(message);
            } catch (DamagedCohortException e) { // never answered from: said so, and logged
                LOG.error("refused a damaged cohort on {}: {}", message.address(), e.getMessage());
                DamagedCohorts.error(e).failing(message);
            } catch (RuntimeException | Error e) {
                LOG.error("worker failed on {}", message.address(), e);
                message.fail(500, "Internal error; it is logged.");
            }
        };
    }
}
