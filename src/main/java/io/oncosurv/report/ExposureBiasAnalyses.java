package io.oncosurv.report;

import io.oncosurv.analysis.ExposureBiasRequest;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.stats.CoxTies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A spec's immortal-time checks ({@code {"analysis": "exposure-bias", "exposure":
 * "antibiotics", "from": 3}}) as the requests a report runs: each item on its endpoint (or each
 * of the report's, or the cohort's), no baseline terms, Efron ties; each named for its files
 * and anchors ("os-antibiotics-exposure-bias").
 */
final class ExposureBiasAnalyses {

    /** One check of the report and its name. */
    record Named(ExposureBiasRequest request, String name) {
    }

    private ExposureBiasAnalyses() {
    }

    static List<Named> of(ReportSpec spec, Cohort cohort) {
        List<Named> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.analyses().size(); i++) {
            ReportSpec.Analysis a = spec.analyses().get(i);
            if (a.kind() != ReportSpec.AnalysisKind.EXPOSURE_BIAS) {
                continue;
            }
            List<String> endpoints = spec.endpointsOf(a, cohort.endpointNames());
            for (String endpoint : endpoints) {
                String name = ArtefactNames.of(endpoint, ArtefactNames.clean(a.exposure()))
                        + "-exposure-bias";
                if (!names.add(name)) { // the same check again (another from): its own files
                    name = name + "-" + (i + 1);
                    names.add(name);
                }
                out.add(new Named(new ExposureBiasRequest(endpoint, a.exposure(), a.from(),
                        List.of(), CoxTies.EFRON, null, Map.of()), name));
            }
        }
        return out;
    }
}
