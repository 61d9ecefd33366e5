package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.stats.FineGray;
import io.oncosurv.stats.FineGrayResult;
import java.util.List;

/**
 * The Fine–Gray model of one cause on a cohort: the terms' columns and patients as a Cox
 * model's ({@link ModelDesign}), each patient's cause (0 censored), then crr's fit run to its
 * root. What crr cannot fit (no event of the cause among the patients used, a term constant or
 * collinear over the risk sets) is refused with the reason.
 */
public final class FineGrayAnalysis {

    private FineGrayAnalysis() {
    }

    public static FineGrayAnswer run(Cohort cohort, FineGrayRequest request,
            StratifierSource source) throws AnalysisException {
        Endpoint endpoint = Causes.endpointWithCauses(cohort, request.endpoint());
        int causeCode = Causes.code(endpoint, request.cause());
        if (request.terms().isEmpty()) {
            throw new AnalysisException("a Fine–Gray model needs at least one term");
        }
        ModelDesign design = ModelDesign.of(cohort, endpoint, request.terms(),
                request.settings(), null, request.subsets(), source);
        if (design.hasTimeDependent()) {
            throw new AnalysisException("the time-dependent term "
                    + design.columns().get(design.timeDependent()).term() + " is for /cox; a "
                    + "Fine–Gray model takes baseline terms (e.g. the exposure's _ever term)");
        }
        int[] rows = design.rows();
        int n = rows.length;
        double[] time = new double[n];
        int[] cause = new int[n];
        int events = 0;
        int competing = 0;
        for (int i = 0; i < n; i++) {
            time[i] = endpoint.months(rows[i]);
            cause[i] = endpoint.event(rows[i]) == 1 ? endpoint.cause(rows[i]) : 0;
            events += cause[i] == causeCode ? 1 : 0;
            competing += cause[i] > 0 && cause[i] != causeCode ? 1 : 0;
        }
        if (events == 0) {
            throw new AnalysisException("no patient used has an event of cause "
                    + request.cause() + ": nothing to model");
        }
        double[][] columns = design.x();
        double[][] x = new double[n][columns.length];
        for (int c = 0; c < columns.length; c++) {
            for (int i = 0; i < n; i++) {
                x[i][c] = columns[c][i];
            }
        }
        FineGrayResult fit;
        try {
            fit = FineGray.fit(time, cause, causeCode, x);
        } catch (IllegalArgumentException e) {
            throw new AnalysisException("the Fine–Gray model of " + request.cause()
                    + " cannot be fitted: a term is constant or collinear over the patients "
                    + "at risk (crr stops here too)");
        }
        List<String> warnings = fit.converged() ? List.of() : List.of("the fit did not "
                + "converge in " + FineGray.MAX_ITERATIONS + " iterations: a coefficient may "
                + "be infinite (no event of " + request.cause() + " in a group?)");
        return new FineGrayAnswer(request, design.columns(), fit, n, events, competing,
                warnings);
    }
}
