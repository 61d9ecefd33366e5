package io.oncosurv.report;

import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CumulativeIncidenceLandmark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The downloadable table of a competing-risks analysis: one row per group × cause × landmark
 * (the cumulative incidence with its standard error and limits, full precision, as the JSON
 * answer), with Gray's test of that cause across the groups in columns of its own, the same on
 * each row of the cause and empty with one group (one row shape: a spreadsheet filters it).
 */
public final class CumulativeIncidenceTable {

    public static final List<String> COLUMNS = List.of("group", "cause", "n", "events", "time",
            "n_risk", "cif", "std_err", "lower", "upper", "gray_chisq", "gray_df", "gray_p");

    private CumulativeIncidenceTable() {
    }

    public static Table of(CumulativeIncidenceResult result) {
        List<List<Object>> rows = new ArrayList<>();
        for (CumulativeIncidenceResult.Group g : result.groups()) {
            int[] events = g.events();
            for (int k = 0; k < result.causes().size(); k++) {
                ChiSquareTest gray = result.gray().isEmpty() ? null : result.gray().get(k);
                boolean tested = gray != null && gray.available();
                for (CumulativeIncidenceLandmark l : g.landmarks()) {
                    rows.add(Arrays.asList(g.label(), result.causes().get(k), g.n(), events[k],
                            l.time(), l.nRisk(), l.cif()[k], l.stdErr()[k], l.lower()[k],
                            l.upper()[k], tested ? gray.chiSquare() : null,
                            tested ? gray.df() : null, tested ? gray.p() : null));
                }
            }
        }
        return new Table("cumulative_incidence", COLUMNS, rows);
    }
}
