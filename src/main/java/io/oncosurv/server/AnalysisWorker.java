package io.oncosurv.server;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CoxAnalysis;
import io.oncosurv.analysis.CutpointAnalysis;
import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.store.CohortStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import java.util.Optional;

/**
 * Answers survival queries on a worker thread. Cohorts are immutable, so a parsed cohort and an
 * answer are cached by cohort id (and the query's parameters) and never go stale; a deleted
 * cohort simply stops being asked for and ages out.
 */
final class AnalysisWorker extends VerticleBase {

    private final CohortStore store;
    private final Caches caches;
    private final String node;

    AnalysisWorker(CohortStore store, Caches caches, String node) {
        this.store = store;
        this.caches = caches;
        this.node = node;
    }

    @Override
    public Future<?> start() {
        return Future.all(vertx.eventBus().<Messages.SurvivalQuery>consumer(Messages.SURVIVAL,
                Guarded.handler(this::survival)).completion(), vertx.eventBus()
                .<Messages.CoxQuery>consumer(Messages.COX, Guarded.handler(this::cox)).completion(),
                vertx.eventBus().<Messages.CutpointQuery>consumer(Messages.CUTPOINT,
                        Guarded.handler(this::cutpoint)).completion(),
                vertx.eventBus().<Messages.PanelQuery>consumer(Messages.PANEL_ENTRY,
                        Guarded.handler(this::panelEntry)).completion(),
                vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(Messages.SURVIVAL_WIRE,
                        Guarded.handler(this::survivalFromWire)).completion());
    }

    private void panelEntry(Message<Messages.PanelQuery> message) {
        Messages.PanelQuery q = message.body();
        Optional<Cohort> cohort = caches.cohortOrFail(store, q.cohortId(), message);
        if (cohort.isEmpty()) {
            return;
        }
        try {
            message.reply(PanelAnalysis.entry(cohort.get(), q.stratifier(), q.endpoint(),
                    caches.stratifierSource(q.cohortId(), cohort.get()), q.subsets()));
        } catch (AnalysisException e) { // a subset the survival query refuses: its same 422
            message.fail(422, new ApiError(422, "The query cannot be answered for this cohort: "
                    + e.getMessage() + ".").body().encode());
        }
    }

    private void cutpoint(Message<Messages.CutpointQuery> message) {
        Messages.CutpointQuery q = message.body();
        String key = q.cohortId() + "|cutpoint|" + q.endpoint() + "|" + q.variable() + "|"
                + q.permutations() + "|" + q.seed();
        answer(message, q.cohortId(), key, "No cut-off can be searched: ", cohort -> {
            var answer = CutpointAnalysis.run(cohort, q.endpoint(), q.variable(),
                    q.permutations(), q.seed());
            var m = answer.maxStat();
            return new io.vertx.core.json.JsonObject().put("variable", answer.variable())
                    .put("endpoint", answer.endpoint()).put("n", m.patients())
                    .put("cutpoint", m.cutpoint()).put("rule", "<=")
                    .put("statistic", m.statistic()).put("p_lau94", m.pLau94Clamped())
                    .put("p_lau94_unclamped", m.pLau94())
                    .put("p_permutation", Double.isNaN(m.pPermutation()) ? null
                            : m.pPermutation())
                    .put("permutations", m.permutations()).put("seed", q.seed())
                    .put("candidates", m.candidates())
                    .put("raw_p", Double.isNaN(answer.rawP()) ? null : answer.rawP()).toBuffer();
        });
    }

    private void cox(Message<Messages.CoxQuery> message) {
        Messages.CoxQuery q = message.body();
        answer(message, q.cohortId(), q.cohortId() + "|" + q.request().cacheKey(),
                "The model cannot be fitted to this cohort: ", cohort -> CoxJson.write(
                        CoxAnalysis.run(cohort, q.request(),
                                caches.stratifierSource(q.cohortId(), cohort))).toBuffer());
    }

    private void survival(Message<Messages.SurvivalQuery> message) {
        Messages.SurvivalQuery q = message.body();
        answer(message, q.cohortId(), survivalKey(q),
                "The query cannot be answered for this cohort: ", cohort -> SurvivalJson.write(
                        q.cohortId(), SurvivalAnalysis.run(cohort, q.request(),
                                caches.stratifierSource(q.cohortId(), cohort)), q.curve()));
    }

    /** A survival query from any node: parsed here, answered as the local one is. */
    private void survivalFromWire(Message<io.vertx.core.json.JsonObject> message) {
        String cohortId = message.body().getString("cohort");
        io.vertx.core.MultiMap params = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
        new io.netty.handler.codec.http.QueryStringDecoder(message.body().getString("query"),
                false).parameters().forEach((name, values) -> params.add(name, values));
        Messages.SurvivalQuery q;
        try {
            q = new Messages.SurvivalQuery(cohortId, SurvivalParameters.parse(params),
                    SurvivalParameters.curve(params));
        } catch (ApiError e) {
            e.failing(message);
            return;
        }
        answer(message, q.cohortId(), survivalKey(q),
                "The query cannot be answered for this cohort: ", cohort -> SurvivalJson.write(
                        q.cohortId(), SurvivalAnalysis.run(cohort, q.request(),
                                caches.stratifierSource(q.cohortId(), cohort)), q.curve()),
                new io.vertx.core.eventbus.DeliveryOptions().addHeader("node", node));
    }

    /** Where a survival answer is cached (the HTTP side looks there before queueing). */
    static String survivalKey(Messages.SurvivalQuery q) {
        return q.cohortId() + "|" + q.request().cacheKey()
                + (q.curve() == CurveDetail.ALL ? "" : "|curve=" + q.curve().parameter());
    }

    /** An answer computed from a cohort; an {@link AnalysisException} is the client's 422. */
    private interface Computation {
        Buffer compute(Cohort cohort) throws AnalysisException;
    }

    /**
     * Replies the cached answer under {@code key}, else computes, caches and replies it: 404 for
     * an unknown cohort, 422 (with {@code failurePrefix}) for a query the cohort cannot answer.
     */
    private void answer(Message<?> message, String cohortId, String key, String failurePrefix,
            Computation computation) {
        answer(message, cohortId, key, failurePrefix, computation,
                new io.vertx.core.eventbus.DeliveryOptions());
    }

    /** The same, replying with {@code replyOptions} (e.g. the computing node as a header). */
    private void answer(Message<?> message, String cohortId, String key, String failurePrefix,
            Computation computation, io.vertx.core.eventbus.DeliveryOptions replyOptions) {
        Buffer cached = caches.answers.get(key);
        if (cached != null) {
            message.reply(cached, replyOptions);
            return;
        }
        Optional<Cohort> cohort = caches.cohortOrFail(store, cohortId, message);
        if (cohort.isEmpty()) {
            return;
        }
        try {
            Buffer answer = computation.compute(cohort.get());
            caches.answers.put(key, answer);
            message.reply(answer, replyOptions);
        } catch (AnalysisException e) {
            message.fail(422, new ApiError(422, failurePrefix + e.getMessage() + ".").body()
                    .encode());
        }
    }
}
