package io.oncosurv.report;

import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.cohort.Cohort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A spec's cumulative-incidence analyses ({@code analyses}) as the requests a report runs: each
 * item on its endpoint (or each of the report's endpoints that has causes) × its {@code by} (or each of the
 * report's stratifiers, or all patients), at the report's landmarks and confidence level; each
 * named for its files and anchors ("pfs-site-cumulative-incidence-local").
 */
final class FurtherAnalyses {

    /** One cumulative-incidence analysis of the report, the cause it shows, and its name. */
    record Named(CumulativeIncidenceRequest request, String cause, String name) {
    }

    private FurtherAnalyses() {
    }

    /** The endpoints an item runs on: its own, else the report's (or cohort's) with causes. */
    static List<String> endpoints(ReportSpec spec, ReportSpec.Analysis a, Cohort cohort) {
        if (a.endpoint() != null) {
            return List.of(a.endpoint());
        }
        List<String> out = new ArrayList<>();
        for (String e : spec.endpoints().isEmpty() ? cohort.endpointNames() : spec.endpoints()) {
            if (cohort.endpoint(e).map(x -> !x.causes().isEmpty()).orElse(false)) {
                out.add(e);
            }
        }
        return out;
    }

    /** @throws ReportBuildException where an item has no endpoint with causes to run on */
    static List<Named> of(ReportSpec spec, Cohort cohort) throws ReportBuildException {
        List<Named> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.analyses().size(); i++) {
            ReportSpec.Analysis a = spec.analyses().get(i);
            if (a.kind() != ReportSpec.AnalysisKind.CUMULATIVE_INCIDENCE) {
                continue; // the immortal-time checks: ExposureBiasAnalyses
            }
            List<ReportSpec.Stratifier> bys = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            if (a.by() != null) {
                bys.add(a.by());
                parts.addAll(ArtefactNames.stratifierParts(List.of(a.by())));
            } else if (spec.stratifiers().isEmpty()) {
                bys.add(null);
                parts.add("all");
            } else {
                bys.addAll(spec.stratifiers());
                parts.addAll(ArtefactNames.stratifierParts(spec.stratifiers()));
            }
            List<String> endpoints = endpoints(spec, a, cohort);
            if (endpoints.isEmpty()) { // the server refuses it at submission; the CLI here
                throw new ReportBuildException("analyses[" + i + "]: none of the report's "
                        + "endpoints has causes; name one with causes in analyses[" + i
                        + "].endpoint");
            }
            for (String endpoint : endpoints) {
                for (int j = 0; j < bys.size(); j++) {
                    ReportSpec.Stratifier by = bys.get(j);
                    String name = ArtefactNames.of(endpoint, parts.get(j))
                            + "-cumulative-incidence" + (a.cause() == null ? ""
                                    : "-" + ArtefactNames.clean(a.cause()));
                    if (!names.add(name)) { // the same analysis asked again: its own files
                        name = name + "-" + (i + 1);
                        names.add(name);
                    }
                    out.add(new Named(new CumulativeIncidenceRequest(endpoint,
                            by == null ? null : by.name(),
                            by == null ? Map.of() : by.settings(), spec.confLevel(),
                            spec.landmarks(), a.from(), List.of()), a.cause(), name));
                }
            }
        }
        return out;
    }
}
