package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.stats.Concordance;
import io.oncosurv.stats.CoxModel;
import io.oncosurv.stats.CoxResult;
import io.oncosurv.stats.CoxZph;
import io.oncosurv.stats.NearTies;
import java.util.List;

/**
 * A Cox model on a cohort: the terms become model columns (factors as indicators against their
 * first level among the patients used, as R's treatment contrasts), patients missing any value
 * are left out ({@link ModelDesign}), then the fit, the concordance of its linear predictor and
 * cox.zph. With a cause, the model is cause-specific: events of other causes are censored. With
 * {@code from}, only patients with time >= from (a landmark analysis, original clock).
 */
public final class CoxAnalysis {

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
        int[] stratum = design.stratum();
        int strata = design.strata();
        double[][] x = design.x();
        CoxResult fit = CoxModel.fit(time, event, x, stratum, strata, request.ties());
        double[] lp = new double[count];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < count; i++) {
                lp[i] += coefficientInPredictor(fit, c) * x[c][i];
            }
        }
        // no events: no coefficients and no comparable pairs, R's counts 0 and C NA
        Concordance.Result concordance = fit.events() == 0
                ? new Concordance.Result(0, 0, 0, 0, 0, Double.NaN, Double.NaN)
                : Concordance.of(NearTies.resolve(time), event, lp, stratum, strata);
        CoxZph.Result zph = CoxZph.test(time, event, x, stratum, strata, fit,
                design.termColumns());
        return new CoxAnswer(request, design.columns(), fit, concordance, List.of(zph.terms()),
                zph.global(), fit.warnings(), design.excluded());
    }

    /** R's linear predictor uses 0 for an NA (redundant) coefficient. */
    private static double coefficientInPredictor(CoxResult fit, int column) {
        double coef = fit.coefficient(column);
        return Double.isNaN(coef) ? 0 : coef;
    }
}
