package io.oncosurv.report;

import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.stats.WeightedSurvivalCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A weighted comparison's tables at full precision, as its downloads (weighted.csv,
 * weighted/balance.csv) and a report's CSV files write them: the numbers of /weighted's JSON
 * ({@link io.oncosurv.json.WeightedJson}), so the two never disagree.
 */
public final class WeightedTables {

    private WeightedTables() {
    }

    /**
     * Each group's weighted Kaplan–Meier curve, a row per time of its {@code groups[].curve}:
     * the group's label, then time, weighted and unweighted numbers at risk, weighted events
     * and censored, survival, its standard error and limits.
     */
    public static Table curves(WeightedAnswer a) {
        List<String> columns = List.of("group", "time", "n_risk", "n_risk_unweighted",
                "n_event", "n_censor", "survival", "std_err", "lower", "upper");
        List<List<Object>> rows = new ArrayList<>();
        for (int g = 0; g < a.curves().size(); g++) {
            WeightedSurvivalCurve c = a.curves().get(g);
            for (int i = 0; i < c.size(); i++) {
                rows.add(Arrays.asList(a.groups().get(g), c.time(i), c.nRisk(i),
                        c.nRiskUnweighted(i), c.nEvent(i), c.nCensor(i), c.survival(i),
                        c.stdErr(i), c.lower(i), c.upper(i)));
            }
        }
        return new Table("weighted_curves", columns, rows);
    }

    /**
     * The balance rows of {@code balance}: each adjusted column (a category: each level) with
     * its standardised mean difference before and after weighting.
     */
    public static Table balance(WeightedAnswer a) {
        List<List<Object>> rows = new ArrayList<>();
        for (WeightedAnswer.Balance b : a.balance()) {
            rows.add(Arrays.asList(b.column(), b.level(), b.before(), b.after()));
        }
        return new Table("weighted_balance", List.of("column", "level", "smd_before",
                "smd_after"), rows);
    }
}
