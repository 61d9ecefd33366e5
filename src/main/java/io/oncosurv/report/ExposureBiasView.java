package io.oncosurv.report;

import io.oncosurv.analysis.CoxAnswer;
import io.oncosurv.analysis.ExposureBiasAnswer;
import io.oncosurv.chart.ClinicalFormat;
import io.oncosurv.chart.ExposureBiasFigure;
import io.oncosurv.stats.StandardNormal;
import java.util.ArrayList;
import java.util.List;

/**
 * The immortal-time check of one exposure as a page and a report section show it: the three
 * estimates (n, events, HR with 95 % CI, p, and how each counts a patient as exposed), the flag
 * in plain words and the analysis' one-sentence message; {@code query} is the exposure-bias
 * query (endpoint, exposure, from, ...) the figure and the downloads are asked with.
 */
public record ExposureBiasView(String endpoint, String endpointLabel, String exposure,
        String from, List<Row> rows, Boolean flag, String verdict, String message,
        String query, String model) {

    private static final double Z95 = StandardNormal.quantile(0.975);

    /** One estimate: its name, what "exposed" means in it, and its numbers as shown. */
    public record Row(String id, String label, String definition, int n, int events, String hr,
            String p) {
    }

    public ExposureBiasView {
        rows = List.copyOf(rows);
    }

    public static ExposureBiasView of(ExposureBiasAnswer a, String query) {
        String exposure = a.request().exposure();
        String from = ClinicalFormat.plainNumber(Math.round(a.from() * 100) / 100.0);
        List<String> labels = ExposureBiasFigure.labels(a);
        List<String> definitions = List.of(
                "exposed if " + exposure + " started before the patient's event or censoring, "
                        + "counted as exposed from time 0",
                "patients still followed at " + from + " months (" + a.landmark().excluded()
                        + " left out), exposed if " + exposure + " had started by then",
                "unexposed until " + exposure + " starts, exposed from then on");
        List<CoxAnswer> estimates = List.of(a.naive(), a.landmark(), a.timeDependent());
        List<String> ids = List.of("naive", "landmark", "time-dependent");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CoxAnswer e = estimates.get(i);
            double coef = e.fit().coefficient(0);
            double se = e.fit().standardError(0);
            boolean estimable = Double.isFinite(coef) && Double.isFinite(se);
            rows.add(new Row(ids.get(i), labels.get(i), definitions.get(i), e.patients(),
                    e.fit().events(), estimable ? ClinicalFormat.ratioWithInterval(
                            Math.exp(coef), Math.exp(coef - Z95 * se),
                            Math.exp(coef + Z95 * se)) : "not estimable",
                    estimable ? ClinicalFormat.pValue(2 * StandardNormal.cdf(
                            -Math.abs(coef / se))) : ""));
        }
        return new ExposureBiasView(a.request().endpoint(), Labels.endpoint(a.request()
                .endpoint()), exposure, from, rows, a.flag(), verdict(a.flag()), a.message(),
                query, model(a));
    }

    /** "Cox models (Efron ties), adjusted for age, stratified by arm": how the HRs were fitted. */
    static String model(ExposureBiasAnswer a) {
        var r = a.request();
        return "Cox models (" + (r.ties() == io.oncosurv.stats.CoxTies.EFRON ? "Efron" : "Breslow")
                + " ties)" + (r.terms().isEmpty() ? "" : ", adjusted for "
                        + String.join(", ", r.terms()))
                + (r.strata() == null ? "" : ", stratified by " + r.strata());
    }

    /** The flag in plain words. */
    static String verdict(Boolean flag) {
        if (flag == null) {
            return "Cannot be checked";
        }
        return flag ? "Likely immortal-time bias" : "No sign of immortal-time bias";
    }

    /** Whether the check is flagged (false also when it cannot be made). */
    public boolean flagged() {
        return Boolean.TRUE.equals(flag);
    }

    /** "Overall survival: antibiotics and immortal time". */
    public String title() {
        return endpointLabel + ": " + exposure + " and immortal time";
    }
}
