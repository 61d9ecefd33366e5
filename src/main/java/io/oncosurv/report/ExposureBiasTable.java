package io.oncosurv.report;

import io.oncosurv.analysis.CoxAnswer;
import io.oncosurv.analysis.ExposureBiasAnswer;
import io.oncosurv.stats.StandardNormal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The immortal-time check as a table (a report's CSV and JSON): one row per estimate (naive,
 * landmark, time_dependent) with n, events, coef, se, HR with 95 % limits and p, as the API's
 * {@code exposure-bias} answer; every row carries the landmark time and the flag.
 */
public final class ExposureBiasTable {

    private static final double Z95 = StandardNormal.quantile(0.975);

    private ExposureBiasTable() {
    }

    public static Table of(ExposureBiasAnswer a) {
        List<String> columns = List.of("endpoint", "exposure", "estimate", "from", "n", "events",
                "coef", "se", "hr", "hr_lower", "hr_upper", "p", "flag");
        List<List<Object>> rows = new ArrayList<>();
        List<String> names = List.of("naive", "landmark", "time_dependent");
        List<CoxAnswer> estimates = List.of(a.naive(), a.landmark(), a.timeDependent());
        for (int i = 0; i < 3; i++) {
            CoxAnswer e = estimates.get(i);
            double coef = e.fit().coefficient(0);
            double se = Double.isNaN(coef) ? Double.NaN : e.fit().standardError(0);
            rows.add(Arrays.asList(a.request().endpoint(), a.request().exposure(), names.get(i),
                    a.from(), e.patients(), e.fit().events(), coef, se, Math.exp(coef),
                    Math.exp(coef - Z95 * se), Math.exp(coef + Z95 * se),
                    2 * StandardNormal.cdf(-Math.abs(coef / se)), a.flag()));
        }
        return new Table("exposure_bias", columns, rows);
    }
}
