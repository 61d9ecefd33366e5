package io.oncosurv.server.worker;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.CoxAnalysis;
import io.oncosurv.analysis.CumulativeIncidenceAnalysis;
import io.oncosurv.analysis.CutpointAnalysis;
import io.oncosurv.analysis.ExposureBiasAnalysis;
import io.oncosurv.analysis.FineGrayAnalysis;
import io.oncosurv.analysis.PanelAnalysis;
import io.oncosurv.analysis.PanelEntry;
import io.oncosurv.analysis.PanelExposureCheck;
import io.oncosurv.analysis.SubgroupAnalysis;
import io.oncosurv.analysis.WeightedAnalysis;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.json.CoxJson;
import io.oncosurv.json.CumulativeIncidenceJson;
import io.oncosurv.json.ExposureBiasJson;
import io.oncosurv.json.FineGrayJson;
import io.oncosurv.json.PanelJson;
import io.oncosurv.json.SubgroupJson;
import io.oncosurv.json.WeightedJson;
import io.oncosurv.json.SurvivalJson;
import io.oncosurv.server.bus.Deadlines;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.ApiError;
import io.oncosurv.store.CohortStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The analysis operations (survival, Cox, cumulative incidence, Fine–Gray, cut-point, panel) on a worker thread, for requests
 * from any node ({@link OperationServer}); and the panel's entries, for this node's panels.
 */
public final class AnalysisWorker extends VerticleBase {

    private final CohortStore store;
    private final Caches caches;
    private final String node;

    public AnalysisWorker(CohortStore store, Caches caches, String node) {
        this.store = store;
        this.caches = caches;
        this.node = node;
    }

    @Override
    public Future<?> start() {
        OperationServer server = new OperationServer(vertx, store, caches, node);
        return Future.all(List.of(
                server.serveStreaming(Messages.SurvivalQuery.class,
                        "The query cannot be answered for this cohort: ", this::survival),
                server.serve(Messages.CoxQuery.class,
                        "The model cannot be fitted to this cohort: ", this::cox),
                server.serve(Messages.ExposureBiasQuery.class,
                        "The exposure cannot be checked in this cohort: ", this::exposureBias),
                server.serve(Messages.SubgroupQuery.class,
                        "The subgroups cannot be analysed in this cohort: ", this::subgroups),
                server.serve(Messages.WeightedQuery.class,
                        "The weighted comparison cannot be made in this cohort: ",
                        this::weighted),
                server.serve(Messages.CumulativeIncidenceQuery.class,
                        "The query cannot be answered for this cohort: ",
                        this::cumulativeIncidence),
                server.serve(Messages.FineGrayQuery.class,
                        "The model cannot be fitted to this cohort: ", this::fineGray),
                server.serve(Messages.CutpointQuery.class, "No cut-off can be searched: ",
                        AnalysisWorker::cutpoint),
                server.serveLater(Messages.PanelQuery.class,
                        "The query cannot be answered for this cohort: ", this::panel),
                vertx.eventBus().<Messages.PanelEntryQuery>localConsumer(Messages.PANEL_ENTRY,
                        Guarded.handler(this::panelEntry)).completion(),
                vertx.eventBus().<Messages.PanelExposureQuery>localConsumer(
                        Messages.PANEL_EXPOSURE, Guarded.handler(this::panelExposure))
                        .completion()));
    }

    /** The answer; streamed where it is large ({@link SurvivalJson#STREAM_ABOVE}), asked here. */
    private OperationServer.Body survival(Messages.SurvivalQuery q, Cohort cohort, boolean here)
            throws AnalysisException {
        SurvivalResult result = SurvivalAnalysis.run(cohort, q.request(),
                caches.stratifierSource(q.cohortId(), cohort));
        if (here && SurvivalJson.estimatedBytes(result, q.curve()) > SurvivalJson.STREAM_ABOVE) {
            return new OperationServer.Body(null, SurvivalJson.streamed(q.cohortId(), result,
                    q.curve()));
        }
        return OperationServer.Body.of(SurvivalJson.write(q.cohortId(), result, q.curve())
                .getBytes());
    }

    private byte[] cox(Messages.CoxQuery q, Cohort cohort) throws AnalysisException {
        return CoxJson.write(CoxAnalysis.run(cohort, q.request(), caches.stratifierSource(
                q.cohortId(), cohort))).toBuffer().getBytes();
    }

    private byte[] exposureBias(Messages.ExposureBiasQuery q, Cohort cohort)
            throws AnalysisException {
        return ExposureBiasJson.write(q.cohortId(), ExposureBiasAnalysis.run(cohort,
                q.request(), caches.stratifierSource(q.cohortId(), cohort))).toBuffer()
                .getBytes();
    }

    private byte[] subgroups(Messages.SubgroupQuery q, Cohort cohort) throws AnalysisException {
        return SubgroupJson.write(q.cohortId(), SubgroupAnalysis.run(cohort, q.request(),
                caches.stratifierSource(q.cohortId(), cohort))).toBuffer().getBytes();
    }

    private byte[] weighted(Messages.WeightedQuery q, Cohort cohort) throws AnalysisException {
        return WeightedJson.write(q.cohortId(), WeightedAnalysis.run(cohort, q.request(),
                caches.stratifierSource(q.cohortId(), cohort))).toBuffer().getBytes();
    }

    private byte[] cumulativeIncidence(Messages.CumulativeIncidenceQuery q, Cohort cohort)
            throws AnalysisException {
        return CumulativeIncidenceJson.write(q.cohortId(), CumulativeIncidenceAnalysis.run(
                cohort, q.request(), caches.stratifierSource(q.cohortId(), cohort)));
    }

    private byte[] fineGray(Messages.FineGrayQuery q, Cohort cohort) throws AnalysisException {
        return FineGrayJson.write(q.cohortId(), FineGrayAnalysis.run(cohort, q.request(),
                caches.stratifierSource(q.cohortId(), cohort))).toBuffer().getBytes();
    }

    /** The cut-point answer's JSON (the cluster test compares other nodes' bytes with it). */
    public static byte[] cutpoint(Messages.CutpointQuery q, Cohort cohort)
            throws AnalysisException {
        var answer = CutpointAnalysis.run(cohort, q.endpoint(), q.variable(), q.permutations(),
                q.seed());
        var m = answer.maxStat();
        return new io.vertx.core.json.JsonObject().put("variable", answer.variable())
                .put("endpoint", answer.endpoint()).put("n", m.patients())
                .put("cutpoint", m.cutpoint()).put("rule", "<=")
                .put("statistic", m.statistic()).put("p_lau94", m.pLau94Clamped())
                .put("p_lau94_unclamped", m.pLau94())
                .put("p_permutation", Double.isNaN(m.pPermutation()) ? null : m.pPermutation())
                .put("permutations", m.permutations()).put("seed", q.seed())
                .put("candidates", m.candidates())
                .put("raw_p", Double.isNaN(answer.rawP()) ? null : answer.rawP()).toBuffer()
                .getBytes();
    }

    /**
     * The TME panel: every built-in stratifier × each endpoint (or the one endpoint on its
     * cause) is its own job on this node's workers, all sent at once; the q-values need them
     * all, so they are added here. On every patient's follow-up (no cause, subset or from),
     * each exposure over time × endpoint is a job too: its immortal-time check, on the entry of
     * the stratifier of its name or after the rows.
     */
    private Future<byte[]> panel(Messages.PanelQuery q, Cohort cohort,
            Message<Messages.PanelQuery> message) {
        boolean checks = PanelAnalysis.checksExposures(q.cause(), q.subsets(), q.from());
        List<Future<PanelExposureCheck>> checkJobs = new ArrayList<>();
        for (String exposure : checks ? cohort.exposureNames() : List.<String>of()) {
            for (String endpoint : q.endpoints()) {
                checkJobs.add(vertx.eventBus().<PanelExposureCheck>request(
                        Messages.PANEL_EXPOSURE, new Messages.PanelExposureQuery(q.cohortId(),
                                exposure, endpoint), Deadlines.options(message.headers()))
                        .map(Message::body));
            }
        }
        List<Future<PanelEntry>> jobs = new ArrayList<>();
        for (String stratifier : Stratifiers.BUILT_IN) {
            for (String endpoint : q.endpoints()) {
                jobs.add(vertx.eventBus().<PanelEntry>request(Messages.PANEL_ENTRY,
                        new Messages.PanelEntryQuery(q.cohortId(), stratifier, endpoint,
                                q.subsets(), q.cause(), q.from()),
                        Deadlines.options(message.headers()))
                        .map(Message::body));
            }
        }
        // join, not all: a refused subset fails every entry, and the first in panel order
        // (not the first to finish) says why, so the answer does not depend on timing
        List<Future<?>> all = new ArrayList<>(jobs);
        all.addAll(checkJobs);
        return Future.join(all).transform(done -> {
            if (done.failed()) {
                return Future.failedFuture(all.stream().filter(Future::failed).findFirst()
                        .map(Future::cause).orElse(done.cause()));
            }
            List<PanelEntry> entries = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                entries.add(jobs.get(i).result());
            }
            List<PanelExposureCheck> found = checkJobs.stream().map(Future::result).toList();
            return Future.succeededFuture(PanelJson.write(PanelAnalysis.withExposureChecks(
                    PanelAnalysis.withQValues(entries), found), q.cause(), q.from(),
                    checks && !found.isEmpty() ? PanelAnalysis.unattached(found) : null)
                    .encode().getBytes(StandardCharsets.UTF_8));
        });
    }

    /** One exposure's immortal-time check on one endpoint: skipped with the reason if need be. */
    private void panelExposure(Message<Messages.PanelExposureQuery> message) {
        Messages.PanelExposureQuery q = message.body();
        Optional<Cohort> cohort = caches.cohortOrFail(store, q.cohortId(), message);
        if (cohort.isEmpty()) {
            return;
        }
        message.reply(PanelExposureCheck.of(cohort.get(), q.exposure(), q.endpoint(),
                caches.stratifierSource(q.cohortId(), cohort.get())));
    }

    private void panelEntry(Message<Messages.PanelEntryQuery> message) {
        Messages.PanelEntryQuery q = message.body();
        Optional<Cohort> cohort = caches.cohortOrFail(store, q.cohortId(), message);
        if (cohort.isEmpty()) {
            return;
        }
        var source = caches.stratifierSource(q.cohortId(), cohort.get());
        try {
            message.reply(q.cause() == null ? PanelAnalysis.entry(cohort.get(), q.stratifier(),
                    q.endpoint(), source, q.subsets(), q.from()) : PanelAnalysis.entry(cohort.get(),
                    q.stratifier(), q.endpoint(), q.cause(), source, q.subsets(), q.from()));
        } catch (AnalysisException e) { // a subset the query refuses, a cause the endpoint lacks
            message.fail(422, new ApiError(422, "The query cannot be answered for this cohort: "
                    + e.getMessage() + ".").body().encode());
        }
    }
}
