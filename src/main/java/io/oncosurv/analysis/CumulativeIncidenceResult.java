package io.oncosurv.analysis;

import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CumulativeIncidenceCurve;
import io.oncosurv.stats.CumulativeIncidenceLandmark;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link CumulativeIncidenceRequest}: the endpoint's causes (text order; index
 * i is cause code i + 1 of the curves), the patients left out (a missing value, or followed
 * less than {@code from}), per group (stratifier order, groups without patients left out) its
 * curves and landmarks; Gray's test per cause (in the causes' order; empty with one group,
 * {@link ChiSquareTest#notAvailable()} where cuminc gives none); and, for the methods text and
 * labels, the stratifier's cut-offs, its value labels and the subsets' names.
 */
public record CumulativeIncidenceResult(CumulativeIncidenceRequest request, List<String> causes,
        int excluded, List<Group> groups, List<ChiSquareTest> gray,
        Map<String, Double> byCutoffs, Map<String, String> byValueLabels,
        List<String> subsetNames) {

    /**
     * One group: its label, the number of its events of each cause (in the causes' order), its
     * curves and its estimates at the request's landmarks (those at or after {@code from}).
     */
    public record Group(String label, int[] events, CumulativeIncidenceCurve curve,
            List<CumulativeIncidenceLandmark> landmarks) {

        public Group {
            events = events.clone();
            landmarks = List.copyOf(landmarks);
        }

        @Override
        public int[] events() {
            return events.clone();
        }

        /** The number of patients in the group. */
        public int n() {
            return curve.n();
        }
    }

    public CumulativeIncidenceResult {
        causes = List.copyOf(causes);
        groups = List.copyOf(groups);
        gray = List.copyOf(gray);
        byCutoffs = Map.copyOf(byCutoffs);
        byValueLabels = Map.copyOf(byValueLabels);
        subsetNames = List.copyOf(subsetNames);
    }

    /** The index of {@code cause} among the causes, or -1. */
    public int causeIndex(String cause) {
        return causes.indexOf(cause);
    }
}
