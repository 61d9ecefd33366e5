package io.oncosurv.analysis;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TME panel on one cause of pfs of the ICI sample cohort against R
 * (src/test/resources/r/panel_cause_reference.json, made by src/test/r/panel_cause_reference.R
 * with R 4.2.2, survival 3.5.3, cmprsk 2.2-11): n, events of the cause, cumulative incidence at
 * 6/12/24, Gray's p and its BH q within 1e-8; Fine–Gray HRs and limits within 1e-6 of crr run
 * to its root; a separated stratifier keeps its Gray p without HRs.
 */
class PanelCauseReferenceTest {

    private static final JsonNode REF = SharedReference.generatedJson(
            "panel_cause_reference.json");
    private static final Cohort ICI = SampleCohorts.cohort(SampleCohorts.ICI);
    /** The issue's tolerance for crr: 1e-6 of crr run to convergence (we converge tighter). */
    private static final Approx.Tolerance CRR = new Approx.Tolerance(1e-6, 1e-10);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"death", "distant", "local"})
    @DisplayName("every stratifier of the pfs panel on a cause matches R: n, events, incidence, "
            + "Gray p, q, Fine–Gray HRs")
    void panelOnCauseMatchesR(String cause) throws AnalysisException {
        List<PanelEntry> entries = PanelAnalysis.run(ICI, "pfs", cause,
                StratifierSource.direct(ICI), List.of());
        compare("pfs on " + cause, entries, REF.get("panels").get(cause), cause);
    }

    @Test
    @DisplayName("on the subset arm:ICI, death: LIPI poor has no death, so lipi keeps its Gray p "
            + "and q with no HRs and the reason; the others match R")
    void separatedStratifierKeepsGrayP() throws AnalysisException {
        JsonNode ref = REF.get("subset");
        List<PanelEntry> entries = PanelAnalysis.run(ICI, "pfs", "death",
                StratifierSource.direct(ICI), List.of(ref.get("subset").asText()));
        compare("arm:ICI on death", entries, ref.get("entries"), "death");
        PanelEntry lipi = entries.get(Stratifiers.BUILT_IN.indexOf("lipi"));
        assertEquals("ok", lipi.status());
        assertEquals("Fine–Gray HRs not estimable: no event of death in group poor "
                + "(separation)", lipi.reason());
        assertEquals(1.0, lipi.groups().get(0).hr());
        assertEquals(List.of(true, true), lipi.groups().subList(1, 3).stream()
                .map(g -> Double.isNaN(g.hr()) && Double.isNaN(g.hrLower())).toList());
    }

    @Test
    @DisplayName("a cause on an endpoint without causes, or a cause the endpoint lacks, is "
            + "refused with the reason, not skipped")
    void refusals() {
        AnalysisException os = assertThrows(AnalysisException.class, () -> PanelAnalysis.run(ICI,
                "os", "local", StratifierSource.direct(ICI), List.of()));
        assertEquals("the endpoint os has no causes: competing risks need a os_cause column "
                + "giving the cause of each event", os.getMessage());
        AnalysisException unknown = assertThrows(AnalysisException.class, () -> PanelAnalysis
                .run(ICI, "pfs", "brain", StratifierSource.direct(ICI), List.of()));
        assertEquals("the endpoint pfs has no cause 'brain'; its causes are death, distant, "
                + "local", unknown.getMessage());
    }

    /**
     * Each entry against R's ({@code panel}: stratifier → R's entry); R's {@code times}, when
     * given, are the landmarks it estimated (those >= the start of a landmark panel), else
     * 6, 12, 24.
     */
    static void compare(String subject, List<PanelEntry> entries, JsonNode panel,
            String cause) {
        Approx check = new Approx(subject);
        check.exact("entries", Stratifiers.BUILT_IN.size(), entries.size());
        for (PanelEntry e : entries) {
            String key = e.stratifier();
            JsonNode r = panel.get(key);
            check.check(key + " status " + e.status(), r.get("status").asText()
                    .equals(e.status()));
            check.check(key + " cause", cause.equals(e.cause()));
            if (e.status().equals("skipped")) {
                check.check(key + " skipped without groups", e.groups().isEmpty());
                continue;
            }
            check.close(key + " gray p", r.get("gray_p"), e.grayP(), R_NUMBERS);
            check.close(key + " q", r.get("q_value"), e.qValue(), R_NUMBERS);
            check.check(key + " no log-rank, trend or median", Double.isNaN(e.logRankP())
                    && Double.isNaN(e.trendP()) && Double.isNaN(e.groups().get(0).median()));
            check.exact(key + " levels", r.get("levels").size(), e.groups().size());
            boolean separated = r.get("separated").asBoolean();
            check.check(key + " reason " + e.reason(), separated == (e.reason() != null));
            for (int g = 0; g < e.groups().size(); g++) {
                PanelEntry.Group group = e.groups().get(g);
                check.check(key + " level " + g, group.label().equals(r.get("levels").get(g)
                        .asText()));
                check.exact(key + " n " + g, r.get("n").get(g).asInt(), group.n());
                check.exact(key + " events " + g, r.get("events").get(g).asInt(),
                        group.events());
                JsonNode times = r.get("times");
                int m = times == null ? 3 : times.size();
                check.exact(key + " landmarks " + g, m, group.incidence().size());
                for (int k = 0; k < group.incidence().size(); k++) {
                    int row = m * g + k; // R lists the landmarks per group, groups in order
                    PanelEntry.Incidence at = group.incidence().get(k);
                    JsonNode rl = r.get("landmarks");
                    String where = key + " " + g + "/" + at.time();
                    if (times != null) {
                        check.close(where + " time", times.get(k), at.time(), R_NUMBERS);
                    }
                    check.exact(where + " n_risk", rl.get("n_risk").get(row).asInt(),
                            at.nRisk());
                    check.close(where + " cif", rl.get("cif").get(row), at.cif(), R_NUMBERS);
                    check.close(where + " se", rl.get("std_err").get(row), at.stdErr(),
                            R_NUMBERS);
                    check.close(where + " lower", rl.get("lower").get(row), at.lower(),
                            R_NUMBERS);
                    check.close(where + " upper", rl.get("upper").get(row), at.upper(),
                            R_NUMBERS);
                }
                if (g > 0) {
                    for (String f : List.of("hr", "hr_lower", "hr_upper")) {
                        double mine = f.equals("hr") ? group.hr() : f.equals("hr_lower")
                                ? group.hrLower() : group.hrUpper();
                        check.close(key + " " + f + " " + g, separated ? null
                                : Approx.element(r.get(f), g - 1), mine, CRR);
                    }
                }
            }
        }
        check.assertNone();
    }
}
