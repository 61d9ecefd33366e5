package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Exposure;
import io.oncosurv.cohort.TmeVariables;
import io.oncosurv.stats.StandardNormal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The immortal-time check: the exposure's Cox HR three ways, each as {@code /cox} gives it with
 * the same baseline terms — {@code <exposure>_ever} (the naive, time-fixed definition),
 * {@code <exposure>_td} from the landmark (status at s) and {@code <exposure>_td} over the
 * whole follow-up (time-dependent) — and the flag: the naive 95 % interval excludes the
 * time-dependent HR.
 */
public final class ExposureBiasAnalysis {

    private static final double Z95 = StandardNormal.quantile(0.975);

    private ExposureBiasAnalysis() {
    }

    public static ExposureBiasAnswer run(Cohort cohort, ExposureBiasRequest request,
            StratifierSource source) throws AnalysisException {
        Endpoint endpoint = Causes.endpoint(cohort, request.endpoint());
        Exposure exposure = cohort.exposure(request.exposure()).orElseThrow(
                () -> new AnalysisException(unknown(cohort, request.exposure())));
        double from = request.hasFrom() ? request.from() : medianStart(endpoint, exposure);
        if (Double.isNaN(from)) {
            throw new AnalysisException("no patient's " + exposure.name() + " starts after "
                    + "treatment start, so there is no landmark to default to: give from=");
        }
        String name = exposure.name();
        CoxAnswer naive = fit(cohort, request, name + "_ever", Double.NaN, source);
        CoxAnswer landmark = fit(cohort, request, name + "_td", from, source);
        CoxAnswer timeDependent = fit(cohort, request, name + "_td", Double.NaN, source);
        Boolean flag = flag(naive, timeDependent);
        return new ExposureBiasAnswer(request, from, naive, landmark, timeDependent, flag,
                message(name, naive, timeDependent, flag));
    }

    private static CoxAnswer fit(Cohort cohort, ExposureBiasRequest request, String term,
            double from, StratifierSource source) throws AnalysisException {
        List<String> terms = new ArrayList<>();
        terms.add(term);
        terms.addAll(request.terms());
        return CoxAnalysis.run(cohort, new CoxRequest(request.endpoint(), terms, request.ties(),
                request.strata(), request.settings(), List.of(), null, from), source);
    }

    private static String unknown(Cohort cohort, String name) {
        return cohort.exposureNames().isEmpty()
                ? "the cohort has no exposure start column (<name>_start_<unit>), so there is "
                        + "no exposure '" + name + "' to check"
                : "the cohort has no exposure '" + name + "'; its exposures: "
                        + String.join(", ", cohort.exposureNames());
    }

    /**
     * The default landmark: the median start among patients exposed after treatment start with
     * the endpoint, R's {@code median(start[start > 0])}; NaN when there is none.
     */
    static double medianStart(Endpoint endpoint, Exposure exposure) {
        double[] starts = new double[exposure.patients()];
        for (int p = 0; p < starts.length; p++) {
            double s = exposure.startMonths(p);
            starts[p] = s > 0 && endpoint.isComplete(p) ? s : Double.NaN;
        }
        return TmeVariables.median(starts);
    }

    /** The naive 95 % interval excludes the time-dependent HR; null when one is missing. */
    static Boolean flag(CoxAnswer naive, CoxAnswer timeDependent) {
        double coef = naive.fit().coefficient(0);
        double se = naive.fit().standardError(0);
        double td = timeDependent.fit().coefficient(0);
        if (!Double.isFinite(coef) || !Double.isFinite(se) || !Double.isFinite(td)) {
            return null;
        }
        return td < coef - Z95 * se || td > coef + Z95 * se;
    }

    private static String message(String exposure, CoxAnswer naive, CoxAnswer timeDependent,
            Boolean flag) {
        if (flag == null && !Double.isFinite(naive.fit().coefficient(0))
                && !Double.isFinite(timeDependent.fit().coefficient(0))) {
            String reason = naive.reason(0);
            return "Neither the naive nor the time-dependent hazard ratio of " + exposure
                    + " can be estimated" + (reason == null ? "" : " (" + reason + ")")
                    + ", so there is nothing to check.";
        }
        if (flag == null) {
            CoxAnswer missing = Double.isFinite(timeDependent.fit().coefficient(0)) ? naive
                    : timeDependent;
            String reason = missing.reason(0);
            return "The " + (missing == naive ? "naive" : "time-dependent") + " hazard ratio of "
                    + exposure + " cannot be estimated" + (reason == null ? "" : " (" + reason
                    + ")") + ", so the naive estimate cannot be checked against the "
                    + "time-dependent one.";
        }
        String naiveText = "Counting every patient who ever received " + exposure
                + " as exposed from treatment start gives HR " + hr(naive) + " (95 % CI "
                + limit(naive, -1) + "–" + limit(naive, 1) + ")";
        String td = "the time-dependent HR " + hr(timeDependent);
        return flag
                ? naiveText + ", an interval that excludes " + td + ": the exposed are "
                        + "credited with the time they had to survive to become exposed "
                        + "(immortal time), so report the time-dependent or landmark estimate."
                : naiveText + ", an interval that includes " + td + ": immortal time does "
                        + "not visibly distort this cohort's estimate, but the time-dependent "
                        + "HR remains the one to report.";
    }

    private static String hr(CoxAnswer answer) {
        return String.format(Locale.ROOT, "%.2f", Math.exp(answer.fit().coefficient(0)));
    }

    private static String limit(CoxAnswer answer, int side) {
        return String.format(Locale.ROOT, "%.2f", Math.exp(answer.fit().coefficient(0)
                + side * Z95 * answer.fit().standardError(0)));
    }
}
