package io.oncosurv.report;

import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.analysis.SurvivalRequest;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.analysis.TimeDependentBy;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.Weighting;
import io.oncosurv.store.StoredCohort;

/** The methods paragraph of an analysis, written from the parameters actually used. */
public final class MethodsText {

    private MethodsText() {
    }

    public static String of(StoredCohort cohort, SurvivalResult result) {
        return of(cohort.name(), "version " + cohort.version() + ", " + cohort.patients()
                + " patients", result);
    }

    /** "Overall survival was analysed in cohort X (detail; subset ...). " */
    private static StringBuilder opening(String endpoint, String cohort, String detail,
            java.util.List<String> subsets) {
        StringBuilder s = new StringBuilder();
        s.append(Labels.endpoint(endpoint)).append(" was analysed in cohort ").append(cohort)
                .append(" (").append(detail);
        if (!subsets.isEmpty()) {
            s.append("; subset ").append(String.join(" and ", subsets));
        }
        return s.append("). ");
    }

    /**
     * @param cohort what the cohort is called
     * @param detail what identifies its data, e.g. "version 2, 300 patients"
     */
    public static String of(String cohort, String detail, SurvivalResult result) {
        SurvivalRequest r = result.request();
        StringBuilder s = opening(r.endpoint(), cohort, detail, r.subsets());
        if (r.hasFrom()) {
            s.append("Landmark analysis from ").append(trim(r.from())).append(" months: only "
                    + "patients still followed then were analysed, and survival is "
                    + "conditional on being event-free at ").append(trim(r.from()))
                    .append(" months. ");
        }
        if (result.excluded() > 0 && result.simonMakuch()) {
            s.append(result.excluded()).append(result.excluded() == 1 ? " patient was" :
                    " patients were").append(" excluded for a missing time or event, or a "
                    + "time of 0 (no follow-up to split). ");
        } else if (result.excluded() > 0) {
            s.append(result.excluded()).append(result.excluded() == 1 ? " patient was" :
                    " patients were").append(" excluded for a missing time, event")
                    .append(r.by() == null ? "" : " or " + Labels.stratifier(r.by()))
                    .append(" value").append(r.hasFrom() ? " or a shorter follow-up" : "")
                    .append(". ");
        }
        if (result.simonMakuch()) {
            s.append("Simon–Makuch curves: each patient's follow-up was split at the start of ")
                    .append(TimeDependentBy.exposureName(r.by())).append(", counting as unexposed "
                    + "before and exposed after (R tmerge), and survival was estimated by "
                    + "current exposure from these (start, stop] intervals (R survfit); a "
                    + "patient who switches is in both groups and the switch censors the "
                    + "unexposed curve; groups were not compared by a test, since patients "
                    + "move between them. ");
        } else if (r.by() != null && r.hasFrom() && r.by().endsWith(TimeDependentBy.SUFFIX)
                && result.groups().stream().allMatch(g -> g.label().equals(TimeDependentBy.UNEXPOSED)
                        || g.label().equals(TimeDependentBy.EXPOSED))) {
            s.append("Patients were grouped by their exposure to ")
                    .append(TimeDependentBy.exposureName(r.by())).append(" at ")
                    .append(trim(r.from())).append(" months (exposed if it had started by "
                    + "then). ");
        } else if (r.by() != null) {
            s.append("Patients were grouped by ").append(Labels.stratifier(r.by()));
            if (!result.byCutoffs().isEmpty()) {
                s.append(" (").append(cutoffs(result)).append(")");
            }
            s.append(". ");
        }
        s.append("Survival was estimated by the Kaplan–Meier method with Greenwood standard "
                + "errors and ").append(Formats.fixed(100 * r.confLevel(), 0))
                .append("% confidence intervals on the ").append(confType(r))
                .append(" scale; medians and their limits are read off the curve and its limits "
                + "as in R survival. Landmark survival is given at ")
                .append(landmarks(r)).append(" months, and the restricted mean survival time up "
                + "to ").append(Formats.fixed(result.groups().get(0).rmst().tau(), 1))
                .append(" months. ");
        if (result.logRank() != null) {
            String test = testName(result.logRank());
            s.append("Groups were compared by the ").append(test.startsWith("Log-rank")
                    ? "l" + test.substring(1) : test);
            if (r.strata() != null) {
                s.append(", stratified by ").append(Labels.stratifier(r.strata()));
            }
            s.append(". ");
        }
        if (!result.hazardRatios().isEmpty()) {
            String reference = result.hazardRatios().get(0).reference();
            s.append("Hazard ratios against ").append(AnalysisView.groupNames(result)
                    .getOrDefault(reference, reference))
                    .append(" come from a Cox proportional-hazards model (Efron ties")
                    .append(r.strata() == null ? "" : ", stratified by "
                            + Labels.stratifier(r.strata()))
                    .append(") with Wald confidence intervals. ");
        }
        s.append("Times are in months (days / 30.4375).");
        return s.toString();
    }

    /** The versions of R and its packages the competing-risks numbers are checked against. */
    public static final String COMPETING_RISKS_R = "R 4.2.2 with survival 3.5.3 and cmprsk "
            + "2.2.11";

    public static String cumulativeIncidence(StoredCohort cohort,
            CumulativeIncidenceResult result) {
        return cumulativeIncidence(cohort.name(), "version " + cohort.version() + ", "
                + cohort.patients() + " patients", result);
    }

    /**
     * The methods of a competing-risks analysis: the Aalen–Johansen estimator and why not
     * 1 − Kaplan–Meier, its variance and limits, Gray's test, and the R it is checked against.
     *
     * @param cohort what the cohort is called
     * @param detail what identifies its data, e.g. "version 2, 300 patients"
     */
    public static String cumulativeIncidence(String cohort, String detail,
            CumulativeIncidenceResult result) {
        CumulativeIncidenceRequest r = result.request();
        StringBuilder s = opening(r.endpoint(), cohort, detail, r.subsets());
        if (r.hasFrom()) {
            s.append("Landmark analysis from ").append(trim(r.from())).append(" months: only "
                    + "patients still followed then were analysed, and incidences are "
                    + "conditional on being event-free at ").append(trim(r.from()))
                    .append(" months. ");
        }
        if (result.excluded() > 0) {
            s.append(result.excluded()).append(result.excluded() == 1 ? " patient was"
                    : " patients were").append(" excluded for a missing time, event")
                    .append(r.by() == null ? "" : " or " + Labels.stratifier(r.by()))
                    .append(" value").append(r.hasFrom() ? " or a shorter follow-up" : "")
                    .append(". ");
        }
        if (r.by() != null) {
            s.append("Patients were grouped by ").append(Labels.stratifier(r.by()));
            if (!result.byCutoffs().isEmpty()) {
                s.append(" (").append(cutoffs(result.byCutoffs(), r.settings())).append(")");
            }
            s.append(". ");
        }
        s.append("Each event has one of the competing causes ")
                .append(String.join(", ", result.causes())).append(". The cumulative "
                + "incidence of each cause was estimated by the Aalen–Johansen estimator. "
                + "1 − Kaplan–Meier is not used: it treats the competing events as censoring, "
                + "as if those patients could still have the event of interest, and so "
                + "overstates each incidence. Standard errors are the infinitesimal jackknife "
                + "of R survfit, with ").append(Formats.fixed(100 * r.confLevel(), 0))
                .append("% confidence limits on the log scale; no limits are given while an "
                + "incidence is 0. ");
        double[] shown = result.groups().get(0).landmarks().stream()
                .mapToDouble(io.oncosurv.stats.CumulativeIncidenceLandmark::time).toArray();
        if (shown.length > 0) {
            s.append("Incidences are given at ").append(list(shown)).append(" months. ");
        }
        if (!result.gray().isEmpty()) {
            s.append("Groups were compared for each cause by Gray's test (R cmprsk::cuminc). ");
        }
        s.append("The numbers are checked against ").append(COMPETING_RISKS_R)
                .append(" (survfit with a multi-state outcome, cuminc). Times are in months "
                + "(days / 30.4375).");
        return s.toString();
    }

    /** "Log-rank test", or the weighting's name for rho ≠ 0. */
    static String testName(LogRankResult test) {
        Weighting w = test.weighting();
        if (w.kind() == Weighting.Kind.LOG_RANK || (w.kind() == Weighting.Kind.FLEMING_HARRINGTON
                && w.rho() == 0 && w.gamma() == 0)) {
            return "Log-rank test";
        }
        if (w.kind() == Weighting.Kind.FLEMING_HARRINGTON && w.gamma() == 0) {
            return "Fleming–Harrington G(ρ = " + trim(w.rho()) + ") test";
        }
        return w.label() + " weighted log-rank test";
    }

    private static String confType(SurvivalRequest r) {
        return switch (r.confType()) {
            case LOG -> "log";
            case LOG_LOG -> "log–log";
            case PLAIN -> "plain (linear)";
        };
    }

    /** The landmarks given (those before a landmark start are left out of the answer). */
    private static String landmarks(SurvivalRequest r) {
        return list(java.util.Arrays.stream(r.landmarks())
                .filter(t -> !r.hasFrom() || t >= r.from()).toArray());
    }

    /** "6, 12 and 24". */
    private static String list(double[] l) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < l.length; i++) {
            s.append(i == 0 ? "" : i == l.length - 1 ? " and " : ", ").append(trim(l[i]));
        }
        return s.toString();
    }

    /** "cutoff 152.5 (default)": each cut-off used, marked where it was not asked for. */
    private static String cutoffs(SurvivalResult result) {
        return cutoffs(result.byCutoffs(), result.request().settings());
    }

    private static String cutoffs(java.util.Map<String, Double> used,
            java.util.Map<String, Double> asked) {
        StringBuilder s = new StringBuilder();
        new java.util.TreeMap<>(used).forEach((k, v) -> s.append(s.isEmpty() ? ""
                : ", ").append(k.replace('_', ' ')).append(" ").append(fourDigits(v))
                .append(asked.containsKey(k) ? "" : " (default)"));
        return s.toString();
    }

    private static String fourDigits(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4))
                .stripTrailingZeros().toPlainString();
    }

    static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : Double.toString(v);
    }
}
