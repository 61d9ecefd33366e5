package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import io.oncosurv.testsupport.TestCohorts;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The time-to-event table against R (survfit, quantile, summary(extend = TRUE), survdiff with
 * and without strata(), coxph Efron), from {@code src/test/r/tte_table_reference.R}:
 * survival::colon OS by rx stratified by node4, and a synthetic two-arm trial with ties, a
 * median not reached, a curve reaching 0 and milestones past each arm's last time.
 */
class TteTableReferenceTest {

    static final JsonNode REF = SharedReference.generatedJson("tte_table_reference.json");

    static TteTable table(String cohort, String by, String strata, double... milestones)
            throws AnalysisException {
        Cohort c = TestCohorts.read(TestCohorts.path(cohort));
        return TteTableAnalysis.run(c, new TteTableRequest("os", by, Map.of(), strata,
                milestones, 0.95));
    }

    @Test
    @DisplayName("colon OS by rx, stratified by node4: every number as R")
    void colonStratified() throws AnalysisException {
        TteTable t = table("colon-os", "rx", "node4", 12, 36, 60, 120);
        check(REF.get("colon"), t, true);
        assertEquals(0, t.excluded());
    }

    @Test
    @DisplayName("colon OS by rx without strata: the unstratified Cox HR, no stratified p")
    void colonUnstratified() throws AnalysisException {
        TteTable t = table("colon-os", "rx", null, 12, 36, 60, 120);
        check(REF.get("colon"), t, false);
        assertTrue(Double.isNaN(t.comparisons().get(0).stratifiedLogRankP()));
    }

    @Test
    @DisplayName("two arms with ties, median not reached, S = 0 and milestones past the end: as R")
    void twoArm() throws AnalysisException {
        TteTable t = table("tte-two-arm", "arm", "site", 6, 12, 18, 24);
        check(REF.get("two_arm"), t, true);
        TteTable.Group b = t.groups().get(1);
        assertTrue(!b.median().reached());
        assertTrue(Double.isNaN(t.groups().get(0).milestones().get(2).stdErr()));
        assertTrue(Double.isNaN(t.comparisons().get(0).milestones().get(2).p()));
    }

    @Test
    @DisplayName("a group without events, a one-patient group, milestones at 0 and on an event "
            + "time: as R, HR limits past double range as R's Inf (null)")
    void degenerate() throws AnalysisException {
        TteTable t = table("tte-degenerate", "arm", "stage", 0, 3, 8);
        check(REF.get("degenerate"), t, true);
        check(REF.get("degenerate"), table("tte-degenerate", "arm", null, 0, 3, 8), false);
        TteTable.Comparison noEvents = t.comparisons().get(0);
        assertTrue(noEvents.hazardRatio().upper() == Double.POSITIVE_INFINITY);
        // at 0 both rates are 1 with se 0: a difference of 0 with no test
        assertEquals(0, noEvents.milestones().get(0).difference());
        assertTrue(Double.isNaN(noEvents.milestones().get(0).p()));
        TteTable.Group one = t.groups().get(2);
        assertEquals(1, one.patients());
        assertTrue(!one.minCensored() && !one.maxCensored());
    }

    @Test
    @DisplayName("no events at all: no test (R's survdiff has 0 expected, df < 1: NA), HR not "
            + "estimable, quartiles not reached, min and max censored; strata = by: confounded")
    void noEventsAndConfoundedStrata() throws Exception {
        Cohort none = CohortReader.read(("patient_id,os_months,os_event,arm\n"
                + "a,1,0,A\nb,2,0,A\nc,3,0,B\n").getBytes(StandardCharsets.UTF_8),
                ',');
        TteTable t = TteTableAnalysis.run(none, new TteTableRequest("os", "arm", Map.of(), null,
                new double[] {1}, 0.95));
        TteTable.Comparison c = t.comparisons().get(0);
        assertTrue(Double.isNaN(c.logRankP()));
        assertEquals("no events", c.hazardRatio().notEstimable());
        assertTrue(Double.isNaN(t.groups().get(0).median().estimate()));
        assertTrue(t.groups().get(0).minCensored() && t.groups().get(0).maxCensored());
        assertEquals(0, c.milestones().get(0).difference());
        assertTrue(Double.isNaN(c.milestones().get(0).p()));

        TteTable same = table("tte-two-arm", "arm", "arm", 6);
        assertEquals("confounded with the strata", same.comparisons().get(0).hazardRatio()
                .notEstimable());
        assertTrue(Double.isNaN(same.comparisons().get(0).stratifiedLogRankP()));
        assertEquals(REF.get("two_arm").get("comparisons").get(0).get("logrank_p").asDouble(),
                same.comparisons().get(0).logRankP(), 1e-8 * same.comparisons().get(0)
                        .logRankP());
    }

    @Test
    @DisplayName("a grouping with one group, or an unknown endpoint, is refused with the reason")
    void refusals() {
        Cohort c = TestCohorts.read(TestCohorts.path("tte-two-arm"));
        AnalysisException one = assertThrows(AnalysisException.class, () -> TteTableAnalysis.run(
                c, new TteTableRequest("os", "os_event", Map.of("cutoff", 5.0), null,
                        new double[] {6}, 0.95)));
        assertTrue(one.getMessage().contains("one group"), one.getMessage());
        AnalysisException endpoint = assertThrows(AnalysisException.class, () ->
                TteTableAnalysis.run(c, new TteTableRequest("pfs", "arm", Map.of(), null,
                        new double[] {6}, 0.95)));
        assertTrue(endpoint.getMessage().contains("pfs"), endpoint.getMessage());
    }

    static void check(JsonNode ref, TteTable t, boolean stratified) {
        Approx a = new Approx("tte table");
        JsonNode groups = ref.get("groups");
        a.exact("groups", groups.size(), t.groups().size());
        for (int g = 0; g < groups.size(); g++) {
            JsonNode r = groups.get(g);
            TteTable.Group x = t.groups().get(g);
            String at = r.get("label").asText() + " ";
            a.check(at + "label", r.get("label").asText().equals(x.label()));
            a.exact(at + "n", r.get("n").asLong(), x.patients());
            a.exact(at + "events", r.get("events").asLong(), x.events());
            a.exact(at + "censored", r.get("censored").asLong(), x.censored());
            a.close(at + "events %", r.get("events_pct"), x.eventPercent(), R_NUMBERS);
            a.close(at + "censored %", r.get("censored_pct"), x.censoredPercent(), R_NUMBERS);
            quantile(a, at + "q25", r.get("q25"), x.lowerQuartile());
            quantile(a, at + "median", r.get("median"), x.median());
            quantile(a, at + "q75", r.get("q75"), x.upperQuartile());
            a.close(at + "min", r.get("min"), x.minTime(), R_NUMBERS);
            a.close(at + "max", r.get("max"), x.maxTime(), R_NUMBERS);
            a.check(at + "min censored", r.get("min_censored").asBoolean() == x.minCensored());
            a.check(at + "max censored", r.get("max_censored").asBoolean() == x.maxCensored());
            JsonNode m = r.get("milestones");
            for (int k = 0; k < m.get("time").size(); k++) {
                LandmarkEstimate l = x.milestones().get(k);
                String mt = at + "at " + m.get("time").get(k).asDouble() + " ";
                a.exact(mt + "n.risk", m.get("n_risk").get(k).asLong(), l.nRisk());
                a.close(mt + "surv", m.get("surv").get(k), l.survival(), R_NUMBERS);
                a.close(mt + "std.err", m.get("std_err").get(k), l.stdErr(), R_NUMBERS);
                a.close(mt + "lower", m.get("lower").get(k), l.lower(), R_NUMBERS);
                a.close(mt + "upper", m.get("upper").get(k), l.upper(), R_NUMBERS);
            }
        }
        JsonNode comparisons = ref.get("comparisons");
        a.exact("comparisons", comparisons.size(), t.comparisons().size());
        for (int c = 0; c < comparisons.size(); c++) {
            JsonNode r = comparisons.get(c);
            TteTable.Comparison x = t.comparisons().get(c);
            String at = r.get("label").asText() + " vs " + r.get("reference").asText() + " ";
            a.check(at + "labels", r.get("label").asText().equals(x.label())
                    && r.get("reference").asText().equals(x.reference()));
            a.close(at + "log-rank p", r.get("logrank_p"), x.logRankP(), R_NUMBERS);
            if (stratified) {
                a.close(at + "stratified p", r.get("strat_logrank_p"), x.stratifiedLogRankP(),
                        R_NUMBERS);
            }
            JsonNode hr = r.get(stratified ? "hr" : "hr_unstratified");
            a.close(at + "coef", hr.get("coef"), x.hazardRatio().coef(), R_NUMBERS);
            a.close(at + "se", hr.get("se"), x.hazardRatio().se(), R_NUMBERS);
            a.close(at + "HR", hr.get("estimate"), finite(x.hazardRatio().estimate()), R_NUMBERS);
            a.close(at + "HR lower", hr.get("lower"), finite(x.hazardRatio().lower()), R_NUMBERS);
            a.close(at + "HR upper", hr.get("upper"), finite(x.hazardRatio().upper()), R_NUMBERS);
            a.close(at + "HR p", hr.get("p"), x.hazardRatio().p(), R_NUMBERS);
            JsonNode m = r.get("milestones");
            for (int k = 0; k < m.get("difference").size(); k++) {
                TteTable.MilestoneDifference d = x.milestones().get(k);
                String mt = at + "milestone " + k + " ";
                a.close(mt + "difference", m.get("difference").get(k), d.difference(),
                        R_NUMBERS);
                a.close(mt + "lower", m.get("lower").get(k), d.lower(), R_NUMBERS);
                a.close(mt + "upper", m.get("upper").get(k), d.upper(), R_NUMBERS);
                a.close(mt + "p", m.get("p").get(k), d.p(), R_NUMBERS);
            }
        }
        a.assertNone();
    }

    /** jsonlite writes R's Inf as null, as our JSON does: compare an infinity as NaN. */
    private static double finite(double v) {
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    private static void quantile(Approx a, String what, JsonNode r, QuantileEstimate q) {
        a.close(what, number(r.get("estimate")), q.estimate(), R_NUMBERS);
        a.close(what + " lower", number(r.get("lower")), q.lower(), R_NUMBERS);
        a.close(what + " upper", number(r.get("upper")), q.upper(), R_NUMBERS);
    }
}
