package io.oncosurv.report;

import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.cohort.Cohort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A spec's weighted comparisons ({@code {"analysis": "weighted", "adjust": ["age", "sex"]}})
 * as the requests a report runs: each item on its endpoint (or each of the report's, or the
 * cohort's) × its {@code by} (or each of the report's stratifiers), at the report's confidence
 * level; each named for its files and anchors ("os-arm-weighted").
 */
final class WeightedAnalyses {

    /** One weighted comparison of the report and its name. */
    record Named(WeightedRequest request, String name) {
    }

    private WeightedAnalyses() {
    }

    static List<Named> of(ReportSpec spec, Cohort cohort) {
        List<Named> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.analyses().size(); i++) {
            ReportSpec.Analysis a = spec.analyses().get(i);
            if (a.kind() != ReportSpec.AnalysisKind.WEIGHTED) {
                continue;
            }
            List<ReportSpec.Stratifier> bys = a.by() != null ? List.of(a.by())
                    : spec.stratifiers();
            List<String> parts = ArtefactNames.stratifierParts(bys);
            List<String> endpoints = spec.endpointsOf(a, cohort.endpointNames());
            ReportSpec.Weighting w = a.weighting();
            for (String endpoint : endpoints) {
                for (int j = 0; j < bys.size(); j++) {
                    String name = ArtefactNames.of(endpoint, parts.get(j)) + "-weighted";
                    if (!names.add(name)) { // the same comparison otherwise adjusted
                        name = name + "-" + (i + 1);
                        names.add(name);
                    }
                    out.add(new Named(new WeightedRequest(endpoint, bys.get(j).name(),
                            bys.get(j).settings(), w.adjust(), w.estimand(), w.stabilized(),
                            w.trim(), spec.confLevel()), name));
                }
            }
        }
        return out;
    }
}
