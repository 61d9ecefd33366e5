package io.oncosurv.report;

import io.oncosurv.analysis.HazardRatio;
import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.stats.ChiSquareTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The subgroup table as downloaded (subgroups.csv), the numbers of the /subgroups answer at full
 * precision: a row for all patients ({@code by} empty), then a row per level of each subgroup
 * variable with the treatment HR, and on each the variable's interaction test (so a filtered
 * sheet keeps it).
 */
public final class SubgroupTable {

    private SubgroupTable() {
    }

    public static Table of(SubgroupAnswer answer) {
        List<String> columns = List.of("by", "level", "name", "n", "events", "hr", "hr_lower",
                "hr_upper", "hr_p", "hr_not_estimable", "interaction_chisq", "interaction_df",
                "interaction_p", "treated", "reference");
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row(answer, "", answer.all(), null));
        for (SubgroupAnswer.Subgroup s : answer.subgroups()) {
            for (SubgroupAnswer.Effect e : s.levels()) {
                rows.add(row(answer, s.by(), e, s.interaction()));
            }
        }
        return new Table("subgroups", columns, rows);
    }

    private static List<Object> row(SubgroupAnswer answer, String by, SubgroupAnswer.Effect e,
            ChiSquareTest interaction) {
        HazardRatio hr = e.hazardRatio();
        return Arrays.asList(by, by.isEmpty() ? "" : e.label(), e.name(), e.patients(),
                e.events(), hr.estimate(), hr.lower(), hr.upper(), hr.p(), hr.notEstimable(),
                interaction == null ? null : interaction.chiSquare(),
                interaction == null ? null : interaction.df(),
                interaction == null ? null : interaction.p(), answer.treated(),
                answer.reference());
    }
}
