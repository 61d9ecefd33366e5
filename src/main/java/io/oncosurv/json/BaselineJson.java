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
import java.util.stream.Stream;

/**
 * The answer of GET /api/cohorts/{id}/baseline in the contract's shape (analyses.md, "Answer
 * shapes of the trial tables"): {@code by} and one entry of {@code variables} per column, its
 * {@code type}, {@code test} ({@code kruskal}, {@code chisq}, {@code fisher}; null with a
 * {@code reason} when there is none), {@code p} and per group of {@code by} the summaries.
 * Overall (every patient, those without a {@code by} value too) is not a group: it is the
 * extra {@code overall} next to each {@code groups}. Other extras: the test's statistic and df,
 * the display names of groups and levels, a categorical column's patients and missing values per
 * group ({@code totals}). NaN is null.
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
        JsonArray variables = new JsonArray();
        for (BaselineTable.Row row : table.rows()) {
            JsonObject out = new JsonObject().put("column", row.column());
            if (row instanceof NumericRow numeric) {
                test(out.put("type", "numeric"), row.difference());
                out.put("groups", numericGroups(table, numeric))
                        .put("overall", new JsonObject().put("label", BaselineTable.OVERALL)
                                .mergeIn(numeric(numeric.summaries().get(0))));
            } else if (row instanceof CategoricalRow categorical) {
                test(out.put("type", "categorical"), row.difference());
                out.put("levels", levels(table, categorical))
                        .put("totals", totals(table, categorical));
            }
            variables.add(out);
        }
        return new JsonObject().put("cohort", cohortId).put("by", table.by())
                .put("groups", groups).put("n_excluded", table.excluded())
                .put("quantile_type", 7).put("variables", variables).encode()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Overall, then the groups' display names. */
    public static List<String> summaryNames(BaselineTable table) {
        return Stream.concat(Stream.of(BaselineTable.OVERALL), table.groupNames().stream())
                .toList();
    }

    /** The summaries are Overall first, then the groups: group g is summary g + 1. */
    private static JsonArray numericGroups(BaselineTable table, NumericRow row) {
        JsonArray out = new JsonArray();
        for (int g = 0; g < table.groups().size(); g++) {
            out.add(new JsonObject().put("label", table.groups().get(g))
                    .put("name", table.groupNames().get(g))
                    .mergeIn(numeric(row.summaries().get(g + 1))));
        }
        return out;
    }

    /** n: the group's patients; n_missing: those of them without a value. */
    private static JsonObject numeric(NumericSummary s) {
        return new JsonObject().put("n", s.patients()).put("median", number(s.median()))
                .put("q1", number(s.q1())).put("q3", number(s.q3()))
                .put("mean", number(s.mean())).put("sd", number(s.sd()))
                .put("n_missing", s.missing());
    }

    /** Per level: its count and percent of the patients with a value, per group and overall. */
    private static JsonArray levels(BaselineTable table, CategoricalRow row) {
        JsonArray out = new JsonArray();
        for (int l = 0; l < row.levels().size(); l++) {
            JsonArray groups = new JsonArray();
            for (int g = 0; g < table.groups().size(); g++) {
                groups.add(count(table.groups().get(g), row.counts().get(g + 1), l));
            }
            out.add(new JsonObject().put("level", row.levels().get(l))
                    .put("name", row.levelNames().get(l)).put("groups", groups)
                    .put("overall", count(BaselineTable.OVERALL, row.counts().get(0), l)));
        }
        return out;
    }

    private static JsonObject count(String label, LevelCounts c, int level) {
        return new JsonObject().put("label", label).put("n", c.counts().get(level))
                .put("pct", number(c.percent(level)));
    }

    /** A categorical column's patients and missing values, per group and overall. */
    private static JsonObject totals(BaselineTable table, CategoricalRow row) {
        JsonArray groups = new JsonArray();
        for (int g = 0; g < table.groups().size(); g++) {
            groups.add(total(table.groups().get(g), row.counts().get(g + 1)));
        }
        return new JsonObject().put("groups", groups)
                .put("overall", total(BaselineTable.OVERALL, row.counts().get(0)));
    }

    private static JsonObject total(String label, LevelCounts c) {
        return new JsonObject().put("label", label).put("n", c.patients())
                .put("n_missing", c.missing());
    }

    /** The contract's test name and p; the statistic, df and a reason as extras. */
    private static void test(JsonObject out, GroupDifference d) {
        out.put("test", testName(d.kind())).put("p", number(d.p()))
                .put("statistic", number(d.statistic())).put("df", d.df() > 0 ? d.df() : null)
                .put("reason", d.reason());
    }

    /** The contract's names of R's tests; no test is null. */
    static String testName(GroupDifference.Kind kind) {
        return switch (kind) {
            case KRUSKAL_WALLIS -> "kruskal";
            case CHI_SQUARE -> "chisq";
            case FISHER -> "fisher";
            case NONE -> null;
        };
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
