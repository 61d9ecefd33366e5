package io.oncosurv.server;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CoxAnalysis;
import io.oncosurv.analysis.CutpointAnalysis;
import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.store.CohortStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers survival queries on a worker thread. Cohorts are immutable, so a parsed cohort and an
 * answer are cached by cohort id (and the query's parameters) and never go stale; a deleted
 * cohort simply stops being asked for and ages out.
 */
final class AnalysisWorker extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisWorker.class);

    private final CohortStore store;
    private final Caches caches;

    AnalysisWorker(CohortStore store, Caches caches) {
        this.store = store;
        this.caches = caches;
    }

    @Override
    public Future<?> start() {
        return Future.all(vertx.eventBus().<Messages.SurvivalQuery>consumer(Messages.SURVIVAL,
                guarded(this::survival)).completion(), vertx.eventBus()
                .<Messages.CoxQuery>consumer(Messages.COX, guarded(this::cox)).completion(),
                vertx.eventBus().<Messages.CutpointQuery>consumer(Messages.CUTPOINT,
                        guarded(this::cutpoint)).completion(),
                vertx.eventBus().<Messages.PanelQuery>consumer(Messages.PANEL_ENTRY,
                        guarded(this::panelEntry)).completion());
    }

    /**
     * A bug in a handler becomes a logged 500 reply at once; unanswered, the HTTP request would
     * wait for the event bus timeout (30 s).
     */
    private static <T> Handler<Message<T>> guarded(Handler<Message<T>> handler) {
        return message -> {
            try {
                handler.handle(message);
            } catch (RuntimeException e) {
                LOG.error("analysis failed on {}", message.address(), e);
                message.fail(500, "Internal error; it is logged.");
            }
        };
    }

    private void panelEntry(Message<Messages.PanelQuery> message) {
        Messages.PanelQuery q = message.body();
        Optional<Cohort> cohort = cohort(q.cohortId());
        if (cohort.isEmpty()) {
            message.fail(404, new ApiError(404, "No cohort has the id '" + q.cohortId()
                    + "'.").body().encode());
            return;
        }
        message.reply(PanelAnalysis.entry(cohort.get(), q.stratifier(), q.endpoint(),
                caches.stratifierSource(q.cohortId(), cohort.get())));
    }

    private void cutpoint(Message<Messages.CutpointQuery> message) {
        Messages.CutpointQuery q = message.body();
        String key = q.cohortId() + "|cutpoint|" + q.endpoint() + "|" + q.variable() + "|"
                + q.permutations() + "|" + q.seed();
        Buffer cached = caches.answers.get(key);
        if (cached != null) {
            message.reply(cached);
            return;
        }
        Optional<Cohort> cohort = cohort(q.cohortId());
        if (cohort.isEmpty()) {
            message.fail(404, new ApiError(404, "No cohort has the id '" + q.cohortId()
                    + "'.").body().encode());
            return;
        }
        try {
            var answer = CutpointAnalysis.run(cohort.get(), q.endpoint(), q.variable(),
                    q.permutations(), q.seed());
            var m = answer.maxStat();
            Buffer body = new io.vertx.core.json.JsonObject().put("variable", answer.variable())
                    .put("endpoint", answer.endpoint()).put("n", m.patients())
                    .put("cutpoint", m.cutpoint()).put("rule", "<=")
                    .put("statistic", m.statistic()).put("p_lau94", m.pLau94Clamped())
                    .put("p_lau94_unclamped", m.pLau94())
                    .put("p_permutation", Double.isNaN(m.pPermutation()) ? null
                            : m.pPermutation())
                    .put("permutations", m.permutations()).put("seed", q.seed())
                    .put("candidates", m.candidates())
                    .put("raw_p", Double.isNaN(answer.rawP()) ? null : answer.rawP()).toBuffer();
            caches.answers.put(key, body);
            message.reply(body);
        } catch (AnalysisException e) {
            message.fail(422, new ApiError(422, "No cut-off can be searched: " + e.getMessage()
                    + ".").body().encode());
        }
    }

    private void cox(Message<Messages.CoxQuery> message) {
        Messages.CoxQuery query = message.body();
        String key = query.cohortId() + "|" + query.request().cacheKey();
        Buffer cached = caches.answers.get(key);
        if (cached != null) {
            message.reply(cached);
            return;
        }
        Optional<Cohort> cohort = cohort(query.cohortId());
        if (cohort.isEmpty()) {
            message.fail(404, new ApiError(404, "No cohort has the id '" + query.cohortId()
                    + "'.").body().encode());
            return;
        }
        try {
            Buffer answer = CoxJson.write(CoxAnalysis.run(cohort.get(), query.request(),
                    caches.stratifierSource(query.cohortId(), cohort.get()))).toBuffer();
            caches.answers.put(key, answer);
            message.reply(answer);
        } catch (AnalysisException e) {
            message.fail(422, new ApiError(422, "The model cannot be fitted to this cohort: "
                    + e.getMessage() + ".").body().encode());
        }
    }

    private void survival(Message<Messages.SurvivalQuery> message) {
        Messages.SurvivalQuery query = message.body();
        String key = query.cohortId() + "|" + query.request().cacheKey();
        Buffer cached = caches.answers.get(key);
        if (cached != null) {
            message.reply(cached);
            return;
        }
        Optional<Cohort> cohort = cohort(query.cohortId());
        if (cohort.isEmpty()) {
            message.fail(404, new ApiError(404, "No cohort has the id '" + query.cohortId()
                    + "'.").body().encode());
            return;
        }
        try {
            Buffer answer = Buffer.buffer(SurvivalJson.write(query.cohortId(),
                    SurvivalAnalysis.run(cohort.get(), query.request(),
                            caches.stratifierSource(query.cohortId(), cohort.get()))));
            caches.answers.put(key, answer);
            message.reply(answer);
        } catch (AnalysisException e) {
            message.fail(422, new ApiError(422, "The query cannot be answered for this cohort: "
                    + e.getMessage() + ".").body().encode());
        }
    }

    private Optional<Cohort> cohort(String id) {
        Cohort cached = caches.cohorts.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        return store.content(id).map(bytes -> {
            try {
                Cohort cohort = CohortReader.read(bytes, (char) 0);
                caches.cohorts.put(id, cohort);
                return cohort;
            } catch (CohortRejectedException e) {
                throw new IllegalStateException("stored cohort " + id + " no longer reads", e);
            }
        });
    }
}
