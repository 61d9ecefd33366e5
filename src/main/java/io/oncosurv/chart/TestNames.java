package io.oncosurv.chart;

import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.Weighting;
import java.util.Locale;

/**
 * The name a figure gives a k-sample test: "Log-rank" for the unweighted test, else its
 * weighting's name, so that a p-value is never printed under the wrong test ("Log-rank" for a
 * Fleming–Harrington rho = 1 test would be wrong); "Stratified ..." when there are strata.
 */
final class TestNames {

    private TestNames() {
    }

    /** "Log-rank p = 0.001", "Fleming-Harrington (rho = 1, gamma = 0) p = 0.02", ... */
    static String line(LogRankResult test) {
        return name(test) + " " + ClinicalFormat.p(test.p());
    }

    static String name(LogRankResult test) {
        String name = name(test.weighting());
        return test.strata() > 1 ? "Stratified " + name.toLowerCase(Locale.ROOT) : name;
    }

    static String name(Weighting w) {
        return switch (w.kind()) {
            case LOG_RANK -> "Log-rank";
            case GEHAN_BRESLOW -> "Gehan-Breslow";
            case TARONE_WARE -> "Tarone-Ware";
            case PETO_PETO -> "Peto-Peto";
            case MODIFIED_PETO -> "Modified Peto";
            case FLEMING_HARRINGTON -> w.rho() == 0 && w.gamma() == 0 ? "Log-rank"
                    : "Fleming-Harrington (rho = " + number(w.rho()) + ", gamma = "
                            + number(w.gamma()) + ")";
        };
    }

    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
