package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static io.oncosurv.testsupport.Approx.element;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SharedReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aalen–Johansen cumulative incidence against R: {@code survfit(Surv(time, factor(cause)) ~ 1)}
 * summarised with {@code censored = TRUE} and at landmarks with {@code extend = TRUE}, generated
 * by {@code src/test/r/cumulative_incidence_reference.R} (R 4.2.2, survival 3.5.3) into
 * {@code src/test/resources/r/cumulative_incidence_reference.json}: mgus2 (vignette "compete"),
 * a synthetic oligoprogression cohort with ties on a 0.1-month grid (conf level 0.9), 8 patients
 * with two causes and a censoring tied at one time, one cause only, all censored, one patient.
 */
class CumulativeIncidenceReferenceTest {

    private static final JsonNode REF = SharedReference.generatedJson(
            "cumulative_incidence_reference.json");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mgus2", "oligo", "small", "one_cause", "all_censored",
        "one_patient"})
    @DisplayName("incidence, std.err, log limits and landmarks match survfit")
    void matchesSurvfit(String name) {
        JsonNode c = REF.get(name);
        CumulativeIncidenceCurve fit = fit(c);
        Approx check = new Approx(name);
        JsonNode curve = c.get("curve");
        double[] time = fit.time();
        int rows = curve.get("time").isArray() ? curve.get("time").size() : 1;
        check.exact("rows", rows, time.length);
        for (int i = 0; i < Math.min(rows, time.length); i++) {
            String at = "t=" + time[i] + " ";
            check.close(at + "time", Double.parseDouble(element(curve.get("time"), i).asText()),
                    time[i], Approx.TIMES);
            check.exact(at + "n_risk", element(curve.get("n_risk"), i).asLong(),
                    fit.nRisk()[i]);
            for (int k = 0; k < fit.causes(); k++) {
                String ak = at + "cause " + (k + 1) + " ";
                check.exact(ak + "n_event", value(curve, "n_event", k, i).asLong(),
                        fit.nEvent()[k][i]);
                check.close(ak + "cif", value(curve, "pstate", k, i), fit.cif()[k][i],
                        R_NUMBERS);
                check.close(ak + "std_err", value(curve, "std_err", k, i), fit.stdErr()[k][i],
                        R_NUMBERS);
                check.close(ak + "lower", value(curve, "lower", k, i), fit.lower()[k][i],
                        R_NUMBERS);
                check.close(ak + "upper", value(curve, "upper", k, i), fit.upper()[k][i],
                        R_NUMBERS);
            }
        }
        JsonNode lm = c.get("at");
        for (int i = 0; i < lm.get("time").size(); i++) {
            CumulativeIncidenceLandmark l = fit.at(
                    Double.parseDouble(lm.get("time").get(i).asText()));
            String at = "landmark " + l.time() + " ";
            check.exact(at + "n_risk", lm.get("n_risk").get(i).asLong(), l.nRisk());
            for (int k = 0; k < fit.causes(); k++) {
                String ak = at + "cause " + (k + 1) + " ";
                check.close(ak + "cif", value(lm, "pstate", k, i), l.cif()[k], R_NUMBERS);
                check.close(ak + "std_err", value(lm, "std_err", k, i), l.stdErr()[k],
                        R_NUMBERS);
                check.close(ak + "lower", value(lm, "lower", k, i), l.lower()[k], R_NUMBERS);
                check.close(ak + "upper", value(lm, "upper", k, i), l.upper()[k], R_NUMBERS);
            }
        }
        check.assertNone();
    }

    @Test
    @DisplayName("unchanged by row order; S + sum of incidences is 1; limits bracket the cif")
    void invariants() {
        JsonNode c = REF.get("oligo");
        double[] time = texts(c.get("time"));
        int[] cause = causes(c);
        CumulativeIncidenceCurve fit = CumulativeIncidence.fit(time, cause, 3, 0.9);
        int n = time.length;
        double[] rt = new double[n];
        int[] rc = new int[n];
        for (int i = 0; i < n; i++) {
            rt[i] = time[n - 1 - i];
            rc[i] = cause[n - 1 - i];
        }
        CumulativeIncidenceCurve reversed = CumulativeIncidence.fit(rt, rc, 3, 0.9);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(fit.cif()[k], reversed.cif()[k], 1e-15);
            assertArrayEquals(fit.stdErr()[k], reversed.stdErr()[k], 1e-15);
        }
        Approx check = new Approx("invariants");
        for (int i = 0; i < fit.time().length; i++) {
            double total = 0;
            for (int k = 0; k < 3; k++) {
                double p = fit.cif()[k][i];
                total += p;
                if (p > 0) {
                    check.check("lower <= cif <= upper at row " + i,
                            fit.lower()[k][i] <= p && p <= fit.upper()[k][i]);
                }
            }
            check.check("sum of cif <= 1 at row " + i, total <= 1 + 1e-15);
        }
        check.assertNone();
        assertEquals(0.9, fit.confLevel());
    }

    @Test
    @DisplayName("by hand: 8 patients, one event at t=1 gives cif 1/8 and se sqrt(56)/64")
    void handComputed() {
        // influence at t=1: the patient with the event (1 - 1/8)/8 = 7/64, the 7 others -1/64
        CumulativeIncidenceCurve fit = CumulativeIncidence.fit(
                new double[] {1, 2, 2, 2, 3, 4, 5, 5}, new int[] {1, 1, 2, 0, 2, 0, 1, 0}, 2);
        assertEquals(0.125, fit.cif()[0][0], 1e-15);
        assertEquals(Math.sqrt(56) / 64, fit.stdErr()[0][0], 1e-15);
        assertEquals(0, fit.cif()[1][0]);
        assertEquals(Double.NaN, fit.lower()[1][0]);
        // R's tie rule: 2 and 2 + 1e-12 are one time
        CumulativeIncidenceCurve near = CumulativeIncidence.fit(
                new double[] {1, 2, 2 + 1e-12, 2, 3, 4, 5, 5},
                new int[] {1, 1, 2, 0, 2, 0, 1, 0}, 2);
        assertArrayEquals(fit.time(), near.time(), 0);
        assertArrayEquals(fit.stdErr()[1], near.stdErr()[1], 0);
        assertEquals(8, fit.at(-1).nRisk());
        assertEquals(4, fit.at(2.5).nRisk());
        assertEquals(0, fit.at(9).nRisk());
    }

    private static CumulativeIncidenceCurve fit(JsonNode c) {
        int causes = c.get("causes").isArray() ? c.get("causes").size() : 1;
        return CumulativeIncidence.fit(texts(c.get("time")), causes(c), causes,
                c.get("conf_level").asDouble());
    }

    /** {@code node.field[k][i]}, where jsonlite unboxes a single cause or a single row. */
    private static JsonNode value(JsonNode node, String field, int k, int i) {
        return element(element(node.get(field), k), i);
    }

    private static int[] causes(JsonNode c) {
        JsonNode node = c.get("cause");
        int n = node.isArray() ? node.size() : 1;
        int[] cause = new int[n];
        for (int i = 0; i < n; i++) {
            cause[i] = element(node, i).asInt();
        }
        return cause;
    }

    private static double[] texts(JsonNode node) {
        int n = node.isArray() ? node.size() : 1;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Double.parseDouble(element(node, i).asText());
        }
        return values;
    }
}
