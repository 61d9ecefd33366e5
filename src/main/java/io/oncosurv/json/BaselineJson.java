package io.oncosurv.json;

import io.oncosurv.analysis.BaselineTable;
import io.oncosurv.analysis.BaselineTable.CategoricalRow;
import io.oncosurv.analysis.BaselineTable.LevelCounts;
import io.oncosurv.analysis.BaselineTable.NumericRow;
import io.oncosurv.analysis.BaselineTable.NumericSummary;
import io.oncosurv.analysis.GroupDifference;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The baseline table as JSON: the groups, then per row its kind, per group (Overall first) the
 * summaries, and the test of a group difference with its name ({@code kruskal-wallis},
 * {@code chi-square}, {@code fisher}, {@code none}) and, without a p, the reason. NaN is null.
 */
public final class BaselineJson {

    private BaselineJson() {
    }

    public static byte[] write(String cohortId, BaselineTable table) {
        JsonArray groups = new JsonArray();
        for (int g = 0; g < table.groups().size(); g++) {
            groups.add(new JsonObject().put("label", table.groups().get(g))
                    .put("name", table.groupNames().get(g)));
        }
        JsonArray rows = new JsonArray();
        List<String> names = summaryNames(table);
        for (BaselineTable.Row row : table.rows()) {
            JsonObject out = new JsonObject().put("column", row.column());
            JsonArray summaries = new JsonArray();
            if (row instanceof NumericRow numeric) {
                out.put("kind", "numeric");
                for (int g = 0; g < names.size(); g++) {
                    NumericSummary s = numeric.summaries().get(g);
                    summaries.add(new JsonObject().put("group", names.get(g))
                            .put("n", s.patients()).put("missing", s.missing())
                            .put("median", number(s.median())).put("q1", number(s.q1()))
                            .put("q3", number(s.q3())).put("mean", number(s.mean()))
                            .put("sd", number(s.sd())));
                }
            } else if (row instanceof CategoricalRow categorical) {
                out.put("kind", "categorical");
                JsonArray levels = new JsonArray();
                for (int l = 0; l < categorical.levels().size(); l++) {
                    levels.add(new JsonObject().put("level", categorical.levels().get(l))
                            .put("name", categorical.levelNames().get(l)));
                }
                out.put("levels", levels);
                for (int g = 0; g < names.size(); g++) {
                    LevelCounts c = categorical.counts().get(g);
                    JsonArray percents = new JsonArray();
                    for (int l = 0; l < categorical.levels().size(); l++) {
                        percents.add(number(c.percent(l)));
                    }
                    summaries.add(new JsonObject().put("group", names.get(g))
                            .put("n", c.patients()).put("missing", c.missing())
                            .put("counts", new JsonArray(c.counts())).put("percents", percents));
                }
            }
            rows.add(out.put("summaries", summaries).put("test", test(row.difference())));
        }
        return new JsonObject().put("cohort", cohortId).put("by", table.by())
                .put("groups", groups).put("excluded", table.excluded())
                .put("quantile_type", 7).put("rows", rows).encode()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Overall, then the groups' display names. */
    public static List<String> summaryNames(BaselineTable table) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(BaselineTable.OVERALL),
                table.groupNames().stream()).toList();
    }

    private static JsonObject test(GroupDifference d) {
        return new JsonObject().put("name", d.kind().key()).put("statistic", number(d.statistic()))
                .put("df", d.df() > 0 ? d.df() : null).put("p", number(d.p()))
                .put("reason", d.reason());
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
