package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CumulativeIncidence;
import io.oncosurv.stats.CumulativeIncidenceCurve;
import io.oncosurv.stats.CumulativeIncidenceLandmark;
import io.oncosurv.stats.GrayTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A competing-risks query on a cohort: stratify (data-dependent cut-offs from the whole cohort),
 * take the subset and, with {@code from}, the patients followed at least that long, drop patients
 * missing a value; then the Aalen–Johansen curves of every cause per group and Gray's test per
 * cause across the groups. Rows are read in the endpoint's time order, kept since ingest.
 */
public final class CumulativeIncidenceAnalysis {

    private CumulativeIncidenceAnalysis() {
    }

    public static CumulativeIncidenceResult run(Cohort cohort,
            CumulativeIncidenceRequest request) throws AnalysisException {
        return run(cohort, request, StratifierSource.direct(cohort));
    }

    public static CumulativeIncidenceResult run(Cohort cohort,
            CumulativeIncidenceRequest request, StratifierSource source)
            throws AnalysisException {
        Endpoint endpoint = Causes.endpointWithCauses(cohort, request.endpoint());
        int causes = endpoint.causes().size();
        Stratification by = request.by() == null ? null
                : source.require(request.by(), request.settings());
        boolean[] inSubset = request.subsets().isEmpty() ? null
                : Subsets.select(cohort.patients(), source, request.subsets());
        int groupCount = by == null ? 1 : by.labels().size();
        int patients = cohort.patients();
        double[] time = new double[patients];
        int[] cause = new int[patients];
        int[] group = new int[patients];
        int[] perGroup = new int[groupCount];
        int n = 0;
        int excluded = 0;
        for (int rank = 0; rank < patients; rank++) {
            int p = endpoint.patientByTime(rank);
            if (inSubset != null && !inSubset[p]) {
                continue;
            }
            double t = endpoint.monthsByRank(rank);
            int e = endpoint.eventByRank(rank);
            int g = by == null ? 0 : by.code(p);
            if (Double.isNaN(t) || e < 0 || g < 0 || request.hasFrom() && t < request.from()) {
                excluded++;
                continue;
            }
            time[n] = t;
            cause[n] = e == 1 ? endpoint.causeByRank(rank) : 0;
            group[n] = g;
            perGroup[g]++;
            n++;
        }
        if (n == 0) {
            throw new AnalysisException("no patient has a " + request.endpoint() + " time and "
                    + "event" + (by == null ? "" : " and a value for " + request.by())
                    + (request.subsets().isEmpty() ? "" : " in the subset")
                    + (request.hasFrom() ? " and a time of at least " + request.from() : ""));
        }
        time = Arrays.copyOf(time, n);
        cause = Arrays.copyOf(cause, n);
        group = Arrays.copyOf(group, n);
        List<CumulativeIncidenceResult.Group> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            if (perGroup[g] == 0) {
                continue; // as R leaves out unused factor levels
            }
            groups.add(group(by == null ? "all" : by.labels().get(g), g, perGroup[g], time,
                    cause, group, causes, request));
        }
        List<ChiSquareTest> gray = new ArrayList<>();
        if (groups.size() > 1) {
            for (int c = 1; c <= causes; c++) {
                gray.add(GrayTest.test(time, cause, group, c));
            }
        }
        return new CumulativeIncidenceResult(request, endpoint.causes(), excluded, groups, gray,
                by == null ? Map.of() : by.cutoffs(),
                by == null ? Map.of() : by.valueLabels(),
                SubsetNames.of(source, request.subsets()));
    }

    private static CumulativeIncidenceResult.Group group(String label, int code, int size,
            double[] time, int[] cause, int[] group, int causes,
            CumulativeIncidenceRequest request) {
        double[] t = new double[size];
        int[] c = new int[size];
        int[] events = new int[causes];
        int k = 0;
        for (int i = 0; i < time.length; i++) {
            if (group[i] == code) {
                t[k] = time[i];
                c[k] = cause[i];
                if (c[k] > 0) {
                    events[c[k] - 1]++;
                }
                k++;
            }
        }
        CumulativeIncidenceCurve curve = CumulativeIncidence.fit(t, c, causes,
                request.confLevel());
        List<CumulativeIncidenceLandmark> landmarks = new ArrayList<>();
        for (double landmark : request.landmarks()) {
            // before the start of a landmark analysis nothing is estimated (R's summary would
            // repeat the first estimate there): such landmarks are left out
            if (!request.hasFrom() || landmark >= request.from()) {
                landmarks.add(curve.at(landmark));
            }
        }
        return new CumulativeIncidenceResult.Group(label, events, curve, landmarks);
    }
}
