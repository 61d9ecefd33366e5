package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import java.util.List;

/**
 * The patients a landmark analysis from {@code s} leaves out for the start alone: those of the
 * subsets with a complete endpoint (a time and an event flag) whose time is before s. Patients
 * missing the endpoint or a stratifier value are not counted: they are left out without a
 * landmark too. The same count for every stratifier of an endpoint, so a panel's readers see
 * how many patients the start costs, apart from what each stratifier costs.
 */
final class LandmarkExclusions {

    private LandmarkExclusions() {
    }

    /** The count (0 without a start: {@code from} NaN). */
    static int before(Cohort cohort, StratifierSource source, String endpointName,
            List<String> subsets, double from) throws AnalysisException {
        if (Double.isNaN(from)) {
            return 0;
        }
        Endpoint endpoint = Causes.endpoint(cohort, endpointName);
        boolean[] inSubset = subsets.isEmpty() ? null
                : Subsets.select(cohort.patients(), source, subsets);
        int n = 0;
        for (int p = 0; p < cohort.patients(); p++) {
            if ((inSubset == null || inSubset[p]) && endpoint.isComplete(p)
                    && endpoint.months(p) < from) {
                n++;
            }
        }
        return n;
    }
}
