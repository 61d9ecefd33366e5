package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.TIMES;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;

/** Comparisons of our curves and quantiles with R's tables, shared by the reference tests. */
final class CurveAssertions {

    private CurveAssertions() {
    }

    /**
     * Compares a curve with rows {@code from .. from+curve.size()} of an R table given as parallel
     * arrays ({@code summary(fit, censored = TRUE)}); optional columns are skipped when absent.
     */
    static void table(Approx check, String name, JsonNode table, int from, SurvivalCurve curve,
            String lowerKey, String upperKey) {
        double[] times = Approx.numbers(table.get("time"));
        check.check(name + ": R has more rows than we have points",
                times.length >= from + curve.size());
        double[] cumHaz = curve.cumulativeHazards();
        double[] stdCumHaz = curve.cumulativeHazardStdErrs();
        for (int i = 0; i < curve.size() && from + i < times.length; i++) {
            int r = from + i;
            String at = name + "[" + r + "] ";
            check.close(at + "time", times[r], curve.time(i), TIMES);
            check.exact(at + "n_risk", (long) Approx.numbers(table.get("n_risk"))[r],
                    curve.nRisk(i));
            if (table.has("n_event")) {
                check.exact(at + "n_event", (long) Approx.numbers(table.get("n_event"))[r],
                        curve.nEvent(i));
                check.exact(at + "n_censor", (long) Approx.numbers(table.get("n_censor"))[r],
                        curve.nCensor(i));
            }
            check.close(at + "surv", Approx.numbers(table.get("surv"))[r], curve.survival(i),
                    R_NUMBERS);
            check.close(at + "std_err", Approx.numbers(table.get("std_err"))[r],
                    curve.stdErr(i), R_NUMBERS);
            if (table.has("cumhaz")) {
                check.close(at + "cumhaz", Approx.numbers(table.get("cumhaz"))[r],
                        cumHaz[i], R_NUMBERS);
                check.close(at + "std_chaz", Approx.numbers(table.get("std_chaz"))[r],
                        stdCumHaz[i], R_NUMBERS);
            }
            check.close(at + lowerKey, Approx.numbers(table.get(lowerKey))[r], curve.lower(i),
                    R_NUMBERS);
            check.close(at + upperKey, Approx.numbers(table.get(upperKey))[r], curve.upper(i),
                    R_NUMBERS);
        }
    }

    /** Compares {@code {est, lower, upper}} of R with one of our quantiles. */
    static void quantile(Approx check, String name, JsonNode expected, QuantileEstimate actual) {
        check.close(name + ".est", expected.get("est"), actual.estimate(), TIMES);
        check.close(name + ".lower", expected.get("lower"), actual.lower(), TIMES);
        check.close(name + ".upper", expected.get("upper"), actual.upper(), TIMES);
    }

    /**
     * Compares R's quantile matrices ({@code est}, {@code lower}, {@code upper}, one row per
     * stratum, one column per probability) with ours for stratum {@code row}.
     */
    static void quantileMatrix(Approx check, String name, JsonNode quantiles, int row,
            QuantileEstimate[] actual) {
        for (int k = 0; k < actual.length; k++) {
            String at = name + "[" + row + "][" + k + "]";
            check.close(at + ".est", quantiles.get("est").get(row).get(k), actual[k].estimate(),
                    TIMES);
            check.close(at + ".lower", quantiles.get("lower").get(row).get(k), actual[k].lower(),
                    TIMES);
            check.close(at + ".upper", quantiles.get("upper").get(row).get(k), actual[k].upper(),
                    TIMES);
        }
    }

    /** The reference's column suffix of a CI type: lower, lower_loglog, lower_plain. */
    static String suffix(ConfType type) {
        switch (type) {
            case LOG:
                return "";
            case LOG_LOG:
                return "_loglog";
            default:
                return "_plain";
        }
    }
}
