package io.oncosurv.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.testsupport.SampleCohorts;
import io.oncosurv.testsupport.SharedReference;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TME panel on one cause of pfs of the ICI sample cohort from a landmark start, against R
 * (src/test/resources/r/panel_cause_from_reference.json, made by
 * src/test/r/panel_cause_from_reference.R with R 4.2.2, survival 3.5.3, cmprsk 2.2-11): cuminc
 * and crr on subset(time >= s), the incidences of survfit(start.time = s); n, events, incidence
 * at the landmarks >= s, Gray's p and its BH q within 1e-8, Fine–Gray HRs within 1e-6 of crr run
 * to its root, and n_excluded exactly.
 */
class PanelCauseFromReferenceTest {

    private static final JsonNode REF = SharedReference.generatedJson(
            "panel_cause_from_reference.json");
    private static final Cohort ICI = SampleCohorts.cohort(SampleCohorts.ICI);

    private static List<PanelEntry> panel(JsonNode ref) throws AnalysisException {
        List<String> subsets = ref.get("subset").isNull() ? List.of()
                : List.of(ref.get("subset").asText());
        return PanelAnalysis.run(ICI, "pfs", ref.get("cause").asText(),
                StratifierSource.direct(ICI), subsets, ref.get("from").asDouble());
    }

    private static void compare(String subject, JsonNode ref) throws AnalysisException {
        List<PanelEntry> entries = panel(ref);
        PanelCauseReferenceTest.compare(subject, entries, ref.get("entries"),
                ref.get("cause").asText());
        for (PanelEntry e : entries) {
            assertEquals(ref.get("n_excluded").asInt(), e.excluded(), e.stratifier());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"death", "distant", "local"})
    @DisplayName("from 6 months, each cause: every stratifier matches R on the patients with "
            + "time >= 6, n_excluded the 144 with an earlier pfs")
    void fromSixMatchesR(String cause) throws AnalysisException {
        compare("pfs on " + cause + " from 6", REF.get("from6").get(cause));
    }

    @Test
    @DisplayName("from 6.5, an observed time: the patient at 6.5 is kept, the landmark 6 left "
            + "out, the rest as R's")
    void fromAnObservedTime() throws AnalysisException {
        JsonNode ref = REF.get("local_from6_5");
        compare("pfs on local from 6.5", ref);
        PanelEntry cd8 = panel(ref).get(Stratifiers.BUILT_IN.indexOf("cd8"));
        assertEquals(List.of(12.0, 24.0), cd8.groups().get(0).incidence().stream()
                .map(PanelEntry.Incidence::time).toList());
    }

    @Test
    @DisplayName("the subset arm:ICI on death from 3: as R's, lipi separated (no death of "
            + "a LIPI-poor patient) keeps its Gray p without HRs")
    void subsetFromThree() throws AnalysisException {
        JsonNode ref = REF.get("subset_death_from3");
        compare("arm:ICI on death from 3", ref);
        PanelEntry lipi = panel(ref).get(Stratifiers.BUILT_IN.indexOf("lipi"));
        assertTrue(lipi.reason().startsWith("Fine–Gray HRs not estimable: no event of death"),
                lipi.reason());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local_from30", "local_from35", "distant_from40"})
    @DisplayName("degenerate starts as R's: one local event left (most levels separated, nlr "
            + "and dnlr a single group), no local event (no Gray test, no HRs), one patient "
            + "(every stratifier a single group); no landmark after the start")
    void degenerateStartsMatchR(String name) throws AnalysisException {
        compare(name, REF.get(name));
    }

    @Test
    @DisplayName("the panel of os from 6 counts R's n_excluded in every entry; without a start "
            + "none")
    void panelOfTheEndpointCountsExcluded() throws AnalysisException {
        List<PanelEntry> from6 = PanelAnalysis.run(ICI, List.of("os"),
                StratifierSource.direct(ICI), List.of(), 6);
        for (PanelEntry e : from6) {
            assertEquals(REF.get("os_from6_n_excluded").asInt(), e.excluded(), e.stratifier());
        }
        for (PanelEntry e : PanelAnalysis.run(ICI, List.of("os"), StratifierSource.direct(ICI),
                List.of())) {
            assertEquals(0, e.excluded(), e.stratifier());
        }
    }

    @Test
    @DisplayName("a start past every pfs time is refused with the reason, not nine skips")
    void startPastEveryTimeIsRefused() {
        AnalysisException e = assertThrows(AnalysisException.class, () -> PanelAnalysis.run(
                ICI, "pfs", "local", StratifierSource.direct(ICI), List.of(), 1000));
        assertEquals("no patient has a pfs time and event and a time of at least 1000.0",
                e.getMessage());
    }
}
