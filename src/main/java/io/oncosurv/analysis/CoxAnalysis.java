package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.stats.Concordance;
import io.oncosurv.stats.CountingConcordance;
import io.oncosurv.stats.CoxModel;
import io.oncosurv.stats.CoxResult;
import io.oncosurv.stats.CoxZph;
import io.oncosurv.stats.NearTies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Cox model on a cohort: the terms become model columns (factors as indicators against their
 * first level among the patients used, as R's treatment contrasts), patients missing any value
 * are left out ({@link ModelDesign}), then the fit, the concordance of its linear predictor and
 * cox.zph. With a cause, the model is cause-specific: events of other causes are censored. With
 * {@code from}, only patients with time >= from (a landmark analysis, original clock). With a
 * time-dependent exposure term ({@code <exposure>_td}, no {@code from}), the model is fitted on
 * the (start, stop] rows of the exposure split ({@link CountingProcessDesign}).
 */
public final class CoxAnalysis {

    private static final Concordance.Result NO_PAIRS =
            new Concordance.Result(0, 0, 0, 0, 0, Double.NaN, Double.NaN);

    private CoxAnalysis() {
    }

    public static CoxAnswer run(Cohort cohort, CoxRequest request, StratifierSource source)
            throws AnalysisException {
        Endpoint endpoint = request.cause() == null
                ? Causes.endpoint(cohort, request.endpoint())
                : Causes.endpointWithCauses(cohort, request.endpoint());
        if (request.terms().isEmpty()) {
            throw new AnalysisException("a Cox model needs at least one term");
        }
        int causeCode = request.cause() == null ? 0 : Causes.code(endpoint, request.cause());
        ModelDesign design = ModelDesign.of(cohort, endpoint, request.terms(),
                request.settings(), request.strata(), request.subsets(), request.from(), source);
        int[] rows = design.rows();
        int count = rows.length;
        double[] time = new double[count];
        boolean[] event = new boolean[count];
        for (int i = 0; i < count; i++) {
            time[i] = endpoint.months(rows[i]);
            // cause-specific: events of other causes are censored
            event[i] = endpoint.event(rows[i]) == 1
                    && (causeCode == 0 || endpoint.cause(rows[i]) == causeCode);
        }
        if (design.hasTimeDependent()) {
            return timeDependent(request, design, time, event);
        }
        int[] stratum = design.stratum();
        int strata = design.strata();
        double[][] x = design.x();
        CoxResult fit = CoxModel.fit(time, event, x, stratum, strata, request.ties());
        double[] lp = linearPredictor(fit, x, count);
        // no events: no coefficients and no comparable pairs, R's counts 0 and C NA
        Concordance.Result concordance = fit.events() == 0 ? NO_PAIRS
                : Concordance.of(NearTies.resolve(time), event, lp, stratum, strata);
        CoxZph.Result zph = CoxZph.test(time, event, x, stratum, strata, fit,
                design.termColumns());
        return new CoxAnswer(request, design.columns(), fit, concordance, List.of(zph.terms()),
                zph.global(), fit.warnings(), count, design.excluded(), null);
    }

    /**
     * The model on the (start, stop] rows of the exposure split, as coxph(Surv(tstart, tstop,
     * ev) ~ ...) on tmerge's data; cox.zph and the concordance on the same rows.
     */
    private static CoxAnswer timeDependent(CoxRequest request, ModelDesign design,
            double[] time, boolean[] event) throws AnalysisException {
        CountingProcessDesign rows = CountingProcessDesign.of(design, time, event);
        int strata = design.strata();
        CoxResult fit;
        try {
            fit = CoxModel.fit(rows.start(), rows.stop(), rows.event(), rows.x(), rows.stratum(),
                    strata, request.ties());
        } catch (IllegalArgumentException e) { // an interval of length 0 within R's tolerance
            throw new AnalysisException(e.getMessage());
        }
        double[] lp = linearPredictor(fit, rows.x(), rows.rows());
        Concordance.Result concordance = NO_PAIRS;
        if (fit.events() > 0) {
            // coxph computes the concordance on its aeqSurv-rounded (start, stop] times
            int n = rows.rows();
            double[] both = new double[2 * n];
            System.arraycopy(rows.start(), 0, both, 0, n);
            System.arraycopy(rows.stop(), 0, both, n, n);
            double[] tied = NearTies.resolve(both);
            concordance = CountingConcordance.of(Arrays.copyOfRange(tied, 0, n),
                    Arrays.copyOfRange(tied, n, 2 * n), rows.event(), lp, rows.stratum(),
                    strata);
        }
        CoxZph.Result zph = CoxZph.test(rows.start(), rows.stop(), rows.event(), rows.x(),
                rows.stratum(), strata, fit, design.termColumns());
        List<String> warnings = new ArrayList<>(fit.warnings());
        if (rows.timeZero() > 0) {
            warnings.add(rows.timeZero() + (rows.timeZero() == 1 ? " patient" : " patients")
                    + " with time 0 left out of the time-dependent model (no interval (0, 0]; "
                    + "R's tmerge refuses an ending time of 0)");
        }
        return new CoxAnswer(request, design.columns(), fit, concordance, List.of(zph.terms()),
                zph.global(), warnings, rows.patients(), design.excluded() + rows.timeZero(),
                rows.rows());
    }

    private static double[] linearPredictor(CoxResult fit, double[][] x, int count) {
        double[] lp = new double[count];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < count; i++) {
                lp[i] += coefficientInPredictor(fit, c) * x[c][i];
            }
        }
        return lp;
    }

    /** R's linear predictor uses 0 for an NA (redundant) coefficient. */
    private static double coefficientInPredictor(CoxResult fit, int column) {
        double coef = fit.coefficient(column);
        return Double.isNaN(coef) ? 0 : coef;
    }
}
