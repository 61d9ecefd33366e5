package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.TIMES;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceAnalysis;
import io.oncosurv.testsupport.ReferenceSample;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Kaplan–Meier number against R survival 3.5.3 on the NCCTG lung and VA lung data
 * ({@code ../shared/reference/lung.json}, {@code veteran.json}): each curve point with its three
 * CI types, the quantiles and median with their limits, landmarks and RMST.
 */
class KaplanMeierReferenceTest {

    private static final double[] PROBS = {0.25, 0.5, 0.75};
    private static final String[] PROB_KEYS = {"q25", "median", "q75"};

    @TestFactory
    @DisplayName("Kaplan–Meier curves, quantiles, landmarks and RMST match R on lung and veteran")
    Stream<DynamicTest> everyCurveMatchesR() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceAnalysis analysis : ReferenceAnalysis.all()) {
            for (ConfType type : ConfType.values()) {
                String name = analysis.label() + " conf.type=" + type.rName();
                tests.add(DynamicTest.dynamicTest(name, () -> compare(name, analysis, type)));
            }
        }
        return tests.stream();
    }

    private static void compare(String name, ReferenceAnalysis reference, ConfType type) {
        ReferenceSample sample = reference.sample();
        JsonNode analysis = reference.answers();
        SurvivalCurve[] curves = KaplanMeier.fitGroups(sample.time(), sample.event(),
                sample.group(), sample.groups(), type, 0.95);
        JsonNode km = analysis.get("km");
        Approx check = new Approx(name);
        check.exact("n_used", analysis.get("n_used").asInt(), sample.time().length);

        double tau = Double.POSITIVE_INFINITY;
        for (SurvivalCurve curve : curves) {
            tau = Math.min(tau, curve.maxTime());
        }
        check.close("rmst_tau (smallest of the groups' largest times)",
                km.get("rmst_tau").asDouble(), tau, TIMES);

        String suffix = CurveAssertions.suffix(type);
        for (int g = 0; g < curves.length; g++) {
            JsonNode stratum = km.get("strata").get(g);
            SurvivalCurve curve = curves[g];
            String at = "level " + stratum.get("level").asText() + " ";
            check.exact(at + "n", stratum.get("n").asInt(), curve.patients());
            check.exact(at + "events", stratum.get("events").asInt(), curve.events());
            check.close(at + "max_followup", stratum.get("max_followup").asDouble(),
                    curve.maxTime(), TIMES);
            JsonNode table = stratum.get("table");
            check.exact(at + "rows", table.get("time").size(), curve.size());
            CurveAssertions.table(check, at + "table", table, 0, curve, "lower" + suffix,
                    "upper" + suffix);

            QuantileEstimate[] quantiles = SurvivalQuantiles.of(curve, PROBS);
            JsonNode expectedQuantiles = stratum.get("quantiles").get(type.rName());
            for (int k = 0; k < PROBS.length; k++) {
                CurveAssertions.quantile(check, at + "quantile " + PROB_KEYS[k],
                        expectedQuantiles.get(PROB_KEYS[k]), quantiles[k]);
            }
            if (type == ConfType.LOG) {
                CurveAssertions.quantile(check, at + "median (print.survfit)",
                        stratum.get("median"), SurvivalQuantiles.median(curve));
            }

            compareLandmarks(check, at, stratum.get("landmarks"), curve, suffix);

            JsonNode rmst = stratum.get("rmst");
            RestrictedMean mean = Rmst.of(curve, tau);
            check.close(at + "rmst.rmean", rmst.get("rmean"), mean.estimate(), R_NUMBERS);
            check.close(at + "rmst.se", rmst.get("se"), mean.stdErr(), R_NUMBERS);
            for (JsonNode fixed : stratum.get("rmst_fixed")) {
                RestrictedMean m = Rmst.of(curve, fixed.get("tau").asDouble());
                String what = at + "rmst(tau=" + fixed.get("tau").asDouble() + ")";
                check.close(what + ".rmean", fixed.get("rmean"), m.estimate(), R_NUMBERS);
                check.close(what + ".se", fixed.get("se"), m.stdErr(), R_NUMBERS);
            }
        }
        check.assertNone();
    }

    private static void compareLandmarks(Approx check, String at, JsonNode expected,
            SurvivalCurve curve, String suffix) {
        double[] times = Approx.numbers(expected.get("time"));
        LandmarkEstimate[] landmarks = Landmarks.of(curve, times);
        for (int k = 0; k < times.length; k++) {
            String what = at + "landmark " + times[k] + " ";
            LandmarkEstimate l = landmarks[k];
            check.exact(what + "n_risk", (long) Approx.numbers(expected.get("n_risk"))[k],
                    l.nRisk());
            check.exact(what + "n_event", (long) Approx.numbers(expected.get("n_event"))[k],
                    l.nEvent());
            check.exact(what + "n_censor", (long) Approx.numbers(expected.get("n_censor"))[k],
                    l.nCensor());
            check.close(what + "surv", Approx.numbers(expected.get("surv"))[k], l.survival(),
                    R_NUMBERS);
            check.close(what + "std_err", Approx.numbers(expected.get("std_err"))[k],
                    l.stdErr(), R_NUMBERS);
            check.close(what + "lower", Approx.numbers(expected.get("lower" + suffix))[k],
                    l.lower(), R_NUMBERS);
            check.close(what + "upper", Approx.numbers(expected.get("upper" + suffix))[k],
                    l.upper(), R_NUMBERS);
        }
    }
}
