package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CumulativeIncidenceLandmark;
import io.oncosurv.stats.FineGrayResult;
import io.oncosurv.stats.RDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One stratifier of the TME panel on one cause of an endpoint: the groups' n, events of the cause
 * and cumulative incidence at the landmarks ({@link CumulativeIncidenceAnalysis}), Gray's p for
 * the cause, and the Fine–Gray subdistribution HRs against the reference group
 * ({@link FineGrayAnalysis} with the stratifier as its only term). No second computation: each
 * number is one of those answers'. A group without an event of the cause separates (crr's
 * coefficient runs off to infinity), so the HRs are left out with the reason, as they are when
 * the model cannot be fitted or does not converge; Gray's p stays.
 */
final class PanelCauseEntry {

    private PanelCauseEntry() {
    }

    static PanelEntry of(Cohort cohort, String stratifier, String endpoint, String cause,
            StratifierSource source, List<String> subsets, double from)
            throws AnalysisException {
        Endpoint withCauses = Causes.endpointWithCauses(cohort, endpoint);
        Causes.code(withCauses, cause); // an unknown cause is the caller's error
        CumulativeIncidenceResult incidence;
        try {
            incidence = CumulativeIncidenceAnalysis.run(cohort, request(endpoint, stratifier,
                    subsets, from), source);
        } catch (AnalysisException e) {
            if (!subsets.isEmpty() || !Double.isNaN(from)) {
                // everyone of the subset from the start: throws the subset's (or start's) refusal
                CumulativeIncidenceAnalysis.run(cohort, request(endpoint, null, subsets, from),
                        source);
            }
            return PanelEntry.skipped(stratifier, endpoint, cause, e.getMessage());
        }
        if (incidence.groups().size() < 2) {
            return PanelEntry.skipped(stratifier, endpoint, cause, "a single group");
        }
        int c = incidence.causeIndex(cause);
        ChiSquareTest gray = incidence.gray().get(c);
        String reason = separated(incidence, c, cause);
        FineGrayAnswer fineGray = null;
        if (reason == null) {
            try {
                fineGray = FineGrayAnalysis.run(cohort, new FineGrayRequest(endpoint, cause,
                        List.of(stratifier), Map.of(), subsets, from), source);
                if (!fineGray.warnings().isEmpty()) {
                    reason = "Fine–Gray HRs not estimable: " + fineGray.warnings().get(0);
                    fineGray = null;
                }
            } catch (AnalysisException e) {
                reason = "Fine–Gray HRs not estimable: " + e.getMessage();
            }
        }
        List<PanelEntry.Group> groups = new ArrayList<>();
        for (int g = 0; g < incidence.groups().size(); g++) {
            groups.add(group(incidence.groups().get(g), c, g == 0, fineGray));
        }
        return new PanelEntry(stratifier, endpoint, "ok", reason, Double.NaN, Double.NaN,
                Double.NaN, groups, cause, gray.available() ? gray.p() : Double.NaN);
    }

    /** The reason a group without an event of the cause gives, or null. */
    private static String separated(CumulativeIncidenceResult incidence, int c, String cause) {
        for (CumulativeIncidenceResult.Group group : incidence.groups()) {
            if (group.events()[c] == 0) {
                return "Fine–Gray HRs not estimable: no event of " + cause + " in group "
                        + group.label() + " (separation)";
            }
        }
        return null;
    }

    private static PanelEntry.Group group(CumulativeIncidenceResult.Group group, int c,
            boolean reference, FineGrayAnswer fineGray) {
        List<PanelEntry.Incidence> at = new ArrayList<>();
        for (CumulativeIncidenceLandmark l : group.landmarks()) {
            at.add(new PanelEntry.Incidence(l.time(), l.nRisk(), l.cif()[c], l.stdErr()[c],
                    l.lower()[c], l.upper()[c]));
        }
        double hr = reference ? 1 : Double.NaN;
        double lower = Double.NaN;
        double upper = Double.NaN;
        int column = reference || fineGray == null ? -1 : column(fineGray, group.label());
        if (column >= 0) {
            FineGrayResult fit = fineGray.fit();
            hr = fit.hazardRatio()[column];
            lower = fit.lower()[column];
            upper = fit.upper()[column];
        }
        int events = group.events()[c];
        return new PanelEntry.Group(group.label(), group.n(), events, Double.NaN, Double.NaN,
                Double.NaN, List.of(), hr, lower, upper, events < PanelAnalysis.SPARSE_EVENTS,
                at);
    }

    /** The model column of a level (the reference has none). */
    private static int column(FineGrayAnswer fineGray, String label) {
        for (int j = 0; j < fineGray.columns().size(); j++) {
            if (label.equals(fineGray.columns().get(j).level())) {
                return j;
            }
        }
        return -1;
    }

    private static CumulativeIncidenceRequest request(String endpoint, String by,
            List<String> subsets, double from) {
        return new CumulativeIncidenceRequest(endpoint, by, Map.of(), RDefaults.CONF_LEVEL,
                CumulativeIncidenceRequest.DEFAULT_LANDMARKS, from, subsets);
    }
}
