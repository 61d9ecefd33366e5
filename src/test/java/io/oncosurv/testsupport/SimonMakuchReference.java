package io.oncosurv.testsupport;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.element;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.RestrictedMean;
import io.oncosurv.stats.SurvivalCurve;
import java.nio.file.Path;

/**
 * R's Simon–Makuch answers ({@code src/test/r/simon_makuch_reference.R} →
 * {@code src/test/resources/r/simon_makuch_reference.json}) and the comparisons of one curve's
 * numbers with them, shared by the stats, analysis and API tests.
 */
public final class SimonMakuchReference {

    public static final JsonNode REF = SharedReference.generatedJson(
            "simon_makuch_reference.json");
    /** The synthetic cohort the script writes: exposure {@code steroids}, endpoints os, pfs. */
    public static final Path COHORT = TestCohorts.path("exposure-switch");

    private SimonMakuchReference() {
    }

    public static JsonNode simonMakuch(String name) {
        return REF.get("cases").get(name);
    }

    /** R's input column as doubles, NA as NaN. */
    public static double[] column(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Approx.number(node.get(i));
        }
        return out;
    }

    public static boolean[] flags(JsonNode node) {
        boolean[] out = new boolean[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt() == 1;
        }
        return out;
    }

    /** summary(fit, censored = TRUE) rows of one group against the curve, every number. */
    public static void curve(Approx check, String label, JsonNode c, SurvivalCurve curve) {
        check.exact(label + " rows", c.get("time").size(), curve.size());
        for (int i = 0; i < Math.min(curve.size(), c.get("time").size()); i++) {
            String at = label + " t=" + curve.time(i) + " ";
            check.close(at + "time", element(c.get("time"), i), curve.time(i), Approx.TIMES);
            check.exact(at + "n_risk", c.get("n_risk").get(i).asLong(), curve.nRisk(i));
            check.exact(at + "n_event", c.get("n_event").get(i).asLong(), curve.nEvent(i));
            if (c.has("n_censor")) {
                check.exact(at + "n_censor", c.get("n_censor").get(i).asLong(),
                        curve.nCensor(i));
            }
            check.close(at + "surv", c.get("surv").get(i), curve.survival(i), R_NUMBERS);
            check.close(at + "std_err", c.get("std_err").get(i), curve.stdErr(i), R_NUMBERS);
            check.close(at + "lower", c.get("lower").get(i), curve.lower(i), R_NUMBERS);
            check.close(at + "upper", c.get("upper").get(i), curve.upper(i), R_NUMBERS);
        }
    }

    /** summary(fit, times, extend = TRUE) rows of one group. */
    public static void landmarks(Approx check, String label, JsonNode l,
            LandmarkEstimate[] landmarks) {
        check.exact(label + " landmarks", l.get("time").size(), landmarks.length);
        for (int k = 0; k < Math.min(landmarks.length, l.get("time").size()); k++) {
            LandmarkEstimate e = landmarks[k];
            String at = label + " landmark " + e.time() + " ";
            check.close(at + "time", l.get("time").get(k), e.time(), Approx.TIMES);
            check.exact(at + "n_risk", l.get("n_risk").get(k).asLong(), e.nRisk());
            check.exact(at + "n_event", l.get("n_event").get(k).asLong(), e.nEvent());
            check.exact(at + "n_censor", l.get("n_censor").get(k).asLong(), e.nCensor());
            check.close(at + "surv", l.get("surv").get(k), e.survival(), R_NUMBERS);
            check.close(at + "std_err", l.get("std_err").get(k), e.stdErr(), R_NUMBERS);
            check.close(at + "lower", l.get("lower").get(k), e.lower(), R_NUMBERS);
            check.close(at + "upper", l.get("upper").get(k), e.upper(), R_NUMBERS);
        }
    }

    /** quantile(fit, c(.25, .5, .75)) of group g (rows of R's matrices). */
    public static void quantiles(Approx check, String label, JsonNode q, int g,
            QuantileEstimate[] ours) {
        for (int k = 0; k < 3; k++) {
            String at = label + " quantile " + ours[k].probability() + " ";
            check.close(at + "est", q.get("est").get(g).get(k), ours[k].estimate(), R_NUMBERS);
            check.close(at + "lower", q.get("lower").get(g).get(k), ours[k].lower(), R_NUMBERS);
            check.close(at + "upper", q.get("upper").get(g).get(k), ours[k].upper(), R_NUMBERS);
        }
    }

    /** print(fit, rmean = tau)'s rmean and se(rmean) of group g. */
    public static void rmst(Approx check, String label, JsonNode rmst, int g, RestrictedMean r) {
        check.close(label + " tau", rmst.get("tau"), r.tau(), R_NUMBERS);
        check.close(label + " rmean", rmst.get("rmean").get(g), r.estimate(), R_NUMBERS);
        check.close(label + " se(rmean)", rmst.get("se").get(g), r.stdErr(), R_NUMBERS);
    }
}
