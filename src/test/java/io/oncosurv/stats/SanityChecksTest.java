package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceSample;
import io.oncosurv.testsupport.SharedReference;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The published numbers of {@code ../shared/reference/sanity_checks.json}, on the original
 * day-scale lung data ({@code lung_days.csv}): median 310 days (285–363) and the log-rank test by
 * sex, chi-square 10.33 on 1 df, as printed in the survival documentation.
 */
class SanityChecksTest {

    private static final JsonNode CHECKS = SharedReference.json("sanity_checks.json");

    @Test
    @DisplayName("lung in days: n 228, 165 events, median 310 days, 95 % CI 285 to 363")
    void lungMedianInDays() {
        JsonNode expected = CHECKS.get("lung_overall_median_days");
        ReferenceSample sample = ReferenceSample.of(SharedReference.csv("lung_days.csv"),
                "os_days", "os_event", null, List.of("all"));
        SurvivalCurve curve = KaplanMeier.fit(sample.time(), sample.event());
        QuantileEstimate median = SurvivalQuantiles.median(curve);
        Approx check = new Approx("lung median in days");
        check.exact("n", expected.get("n").asInt(), curve.patients());
        check.exact("events", expected.get("events").asInt(), curve.events());
        check.close("median", expected.get("median"), median.estimate(), R_NUMBERS);
        check.close("lcl", expected.get("lcl"), median.lower(), R_NUMBERS);
        check.close("ucl", expected.get("ucl"), median.upper(), R_NUMBERS);
        check.assertNone();
    }

    @Test
    @DisplayName("lung in days: log-rank by sex, chi-square 10.3267 on 1 df, p 0.00131")
    void lungLogRankBySexInDays() {
        JsonNode expected = CHECKS.get("lung_logrank_sex");
        ReferenceSample sample = ReferenceSample.of(SharedReference.csv("lung_days.csv"),
                "os_days", "os_event", "sex", List.of("1", "2"));
        LogRankResult result = LogRank.test(sample.time(), sample.event(), sample.group(), 2, 0);
        Approx check = new Approx("lung log-rank by sex in days");
        check.close("chisq", expected.get("chisq"), result.chiSquare(), R_NUMBERS);
        check.exact("df", expected.get("df").asInt(), result.df());
        check.close("p", expected.get("p"), result.p(), R_NUMBERS);
        for (int g = 0; g < 2; g++) {
            check.close("observed[" + g + "]", expected.get("observed").get(g),
                    result.observed()[g], R_NUMBERS);
            check.close("expected[" + g + "]", expected.get("expected").get(g),
                    result.expected()[g], R_NUMBERS);
        }
        check.assertNone();
    }
}
