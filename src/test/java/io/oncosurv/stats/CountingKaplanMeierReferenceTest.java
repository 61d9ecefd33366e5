package io.oncosurv.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCases;
import io.oncosurv.testsupport.SimonMakuchReference;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Kaplan–Meier on (start, stop] rows against R's {@code survfit(Surv(tstart, tstop, ev) ~ x)}
 * (survival 3.5.3) from {@code src/test/r/simon_makuch_reference.R}: the rows of
 * {@code tmerge(..., tdc(start))}, fit$n, every curve row with n.risk / n.event / n.censor,
 * Greenwood standard error and limits (log, log-log at 90 %, plain), landmarks as
 * {@code summary(fit, times, extend = TRUE)}, the at-risk numbers at whole months, quartiles
 * with limits and print(rmean = tau); on jasa, survival::heart, the synthetic switch cohort and
 * degenerate data. All within 1e-8 relative.
 */
class CountingKaplanMeierReferenceTest {

    private static final JsonNode REF = SimonMakuchReference.REF;

    @TestFactory
    @DisplayName("Simon–Makuch curves from tmerge rows: every number as R's")
    Stream<DynamicTest> simonMakuch() {
        return ReferenceCases.each(REF.get("cases"), CountingKaplanMeierReferenceTest::check);
    }

    static void check(String name, JsonNode c) {
        Approx check = new Approx(name);
        JsonNode in = c.get("input");
        double[] time = SimonMakuchReference.column(in.get("time"));
        boolean[] status = SimonMakuchReference.flags(in.get("status"));
        double[] start = SimonMakuchReference.column(in.get("start"));
        ExposureSplit split = ExposureSplit.of(time, status, start);
        JsonNode rows = c.get("rows");
        check.exact("rows", rows.get("stop").size(), split.rows());
        check.exact("patients", time.length - c.get("n_excluded").asInt(), split.patients());
        for (int r = 0; r < Math.min(split.rows(), rows.get("stop").size()); r++) {
            check.close("row " + r + " start", rows.get("start").get(r), split.start()[r],
                    Approx.TIMES);
            check.close("row " + r + " stop", rows.get("stop").get(r), split.stop()[r],
                    Approx.TIMES);
            check.exact("row " + r + " event", rows.get("event").get(r).asInt(),
                    split.event()[r] ? 1 : 0);
            check.exact("row " + r + " exposed", rows.get("exposed").get(r).asInt(),
                    (int) split.exposed()[r]);
        }
        int[] group = new int[split.rows()];
        for (int r = 0; r < group.length; r++) {
            group[r] = (int) split.exposed()[r];
        }
        SurvivalCurve[] curves = CountingKaplanMeier.fitGroups(split.start(), split.stop(),
                split.event(), group, 2, ConfType.fromRName(c.get("conf_type").asText()),
                c.get("conf_level").asDouble());
        int level = 0;
        for (int g = 0; g < 2; g++) {
            SurvivalCurve curve = curves[g];
            if (curve.patients() == 0) {
                continue; // R drops the empty level
            }
            String label = c.get("levels").get(level).asText();
            check.check(label + " is level " + level, label.equals(g == 0 ? "unexposed"
                    : "exposed"));
            check.exact(label + " n", c.get("n").get(level).asLong(), curve.patients());
            SimonMakuchReference.curve(check, label, c.get("curves").get(level), curve);
            JsonNode lm = c.get("landmarks").get(level);
            SimonMakuchReference.landmarks(check, label, lm, Landmarks.of(curve,
                    SimonMakuchReference.column(lm.get("time"))));
            JsonNode ticks = c.get("ticks").get(level);
            LandmarkEstimate[] atTicks = Landmarks.of(curve,
                    SimonMakuchReference.column(ticks.get("time")));
            for (int k = 0; k < atTicks.length; k++) {
                check.exact(label + " at risk at " + atTicks[k].time(),
                        ticks.get("n_risk").get(k).asLong(), atTicks[k].nRisk());
            }
            SimonMakuchReference.quantiles(check, label, c.get("quantiles"), level,
                    SurvivalQuantiles.of(curve, RDefaults.quantileProbabilities()));
            SimonMakuchReference.rmst(check, label, c.get("rmst"), level,
                    Rmst.of(curve, c.get("rmst").get("tau").asDouble()));
            level++;
        }
        check.exact("levels", c.get("levels").size(), level);
        check.assertNone();
    }

    @Test
    @DisplayName("survival::heart's own (start, stop] rows by transplant: curves as R's")
    void heart() {
        JsonNode h = REF.get("heart");
        JsonNode rows = h.get("rows");
        double[] exposed = SimonMakuchReference.column(rows.get("exposed"));
        int[] group = new int[exposed.length];
        for (int r = 0; r < group.length; r++) {
            group[r] = (int) exposed[r];
        }
        SurvivalCurve[] curves = CountingKaplanMeier.fitGroups(
                SimonMakuchReference.column(rows.get("start")),
                SimonMakuchReference.column(rows.get("stop")),
                SimonMakuchReference.flags(rows.get("event")), group, 2, ConfType.LOG, 0.95);
        Approx check = new Approx("heart");
        for (int g = 0; g < 2; g++) {
            check.exact("n " + g, h.get("n").get(g).asLong(), curves[g].patients());
            SimonMakuchReference.curve(check, h.get("levels").get(g).asText(),
                    h.get("curves").get(g), curves[g]);
        }
        check.assertNone();
    }

    @Test
    @DisplayName("rows all starting at 0 give exactly the right-censored Kaplan–Meier")
    void rightCensoredIsTheSame() {
        JsonNode in = SimonMakuchReference.simonMakuch("jasa").get("input");
        double[] time = SimonMakuchReference.column(in.get("time"));
        boolean[] status = SimonMakuchReference.flags(in.get("status"));
        int n = 0;
        for (double t : time) {
            n += t > 0 ? 1 : 0;
        }
        double[] stop = new double[n];
        boolean[] event = new boolean[n];
        int[] group = new int[n];
        int k = 0;
        for (int i = 0; i < time.length; i++) {
            if (time[i] > 0) {
                stop[k] = time[i];
                event[k] = status[i];
                group[k] = i % 2;
                k++;
            }
        }
        SurvivalCurve[] counting = CountingKaplanMeier.fitGroups(new double[n], stop, event,
                group, 2, ConfType.LOG_LOG, 0.9);
        SurvivalCurve[] right = KaplanMeier.fitGroups(stop, event, group, 2, ConfType.LOG_LOG,
                0.9);
        assertEquals(right[0], counting[0]);
        assertEquals(right[1], counting[1]);
    }

    @Test
    @DisplayName("the curves do not depend on the order of the rows")
    void rowOrder() {
        JsonNode rows = REF.get("heart").get("rows");
        double[] start = SimonMakuchReference.column(rows.get("start"));
        double[] stop = SimonMakuchReference.column(rows.get("stop"));
        boolean[] event = SimonMakuchReference.flags(rows.get("event"));
        double[] exposed = SimonMakuchReference.column(rows.get("exposed"));
        int n = stop.length;
        int[] group = new int[n];
        for (int r = 0; r < n; r++) {
            group[r] = (int) exposed[r];
        }
        SurvivalCurve[] before = CountingKaplanMeier.fitGroups(start, stop, event, group, 2,
                ConfType.LOG, 0.95);
        Random random = new Random(19);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double s = start[i]; start[i] = start[j]; start[j] = s;
            double t = stop[i]; stop[i] = stop[j]; stop[j] = t;
            boolean e = event[i]; event[i] = event[j]; event[j] = e;
            int g = group[i]; group[i] = group[j]; group[j] = g;
        }
        SurvivalCurve[] after = CountingKaplanMeier.fitGroups(start, stop, event, group, 2,
                ConfType.LOG, 0.95);
        assertEquals(before[0], after[0]);
        assertEquals(before[1], after[1]);
        for (SurvivalCurve c : after) {
            for (int i = 0; i < c.size(); i++) {
                assertTrue(c.survival(i) >= 0 && c.survival(i) <= 1);
                assertTrue(i == 0 || c.survival(i) <= c.survival(i - 1));
            }
        }
    }

    @Test
    @DisplayName("an empty interval, a non-finite time or a group out of range is refused")
    void refusals() {
        assertThrows(IllegalArgumentException.class, () -> CountingKaplanMeier.fitGroups(
                new double[] {2}, new double[] {2}, new boolean[] {true}, new int[] {0}, 1,
                ConfType.LOG, 0.95));
        assertThrows(IllegalArgumentException.class, () -> CountingKaplanMeier.fitGroups(
                new double[] {0}, new double[] {Double.NaN}, new boolean[] {true},
                new int[] {0}, 1, ConfType.LOG, 0.95));
        assertThrows(IllegalArgumentException.class, () -> CountingKaplanMeier.fitGroups(
                new double[] {0}, new double[] {1}, new boolean[] {true}, new int[] {1}, 1,
                ConfType.LOG, 0.95));
        // start and stop within R's tie tolerance become one time: an empty interval
        assertThrows(IllegalArgumentException.class, () -> CountingKaplanMeier.fitGroups(
                new double[] {0, 5}, new double[] {5, 5 + 1e-12}, new boolean[] {false, true},
                new int[] {0, 0}, 1, ConfType.LOG, 0.95));
    }
}
