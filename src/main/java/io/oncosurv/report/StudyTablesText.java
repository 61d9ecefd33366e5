package io.oncosurv.report;

import io.oncosurv.analysis.BaselineTable;
import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.analysis.TteTable;
import io.oncosurv.analysis.TteTableRequest;

/**
 * The caption and the methods paragraph of each study table, written from the parameters the
 * table was made with: what a CSR table carries above it (caption) and under it (footnote), and
 * what the page, the Word document and the PDF all print.
 */
public final class StudyTablesText {

    /** The R the three tables are checked against (src/test/r). */
    static final String R = "R 4.2.2 with survival 3.5.3";

    private StudyTablesText() {
    }

    public static String tteCaption(TteTable table) {
        TteTableRequest r = table.request();
        return Labels.endpoint(r.endpoint()) + " by " + Labels.stratifier(r.by());
    }

    public static String tteMethods(TteTable table) {
        TteTableRequest r = table.request();
        String z = Formats.fixed(100 * r.confLevel(), 0) + "%";
        StringBuilder s = new StringBuilder();
        s.append("Kaplan–Meier estimates; medians and quartiles with ").append(z)
                .append(" confidence limits on the log scale (R survfit). ");
        if (table.excluded() > 0) {
            s.append(table.excluded()).append(table.excluded() == 1 ? " patient" : " patients")
                    .append(" without a time, event, group").append(r.strata() == null ? ""
                            : " or stratum").append(" left out. ");
        }
        s.append("Each group is compared with ").append(table.groups().get(0).label())
                .append(" on the two groups' patients: log-rank p");
        if (r.strata() != null) {
            s.append(", unstratified and stratified by ").append(Labels.stratifier(r.strata()));
        }
        s.append("; hazard ratio from a Cox model (Efron ties")
                .append(r.strata() == null ? "" : ", stratified by "
                        + Labels.stratifier(r.strata()))
                .append(") with Wald limits. ");
        if (r.milestones().length > 0) {
            s.append("Event-free rates at milestones with Greenwood standard errors and plain ")
                    .append(z).append(" limits; differences from the reference with limits "
                            + "d ± z·sqrt(se₁² + se₂²) and a two-sided z-test. ");
        }
        return s.append("Times in months; numbers checked against ").append(R).append('.')
                .toString();
    }

    public static String baselineCaption(BaselineTable table) {
        return "Baseline characteristics" + (table.by() == null ? ""
                : " by " + Labels.stratifier(table.by()));
    }

    /** What the numbers of Table 1 are; the tests are named by the table's footnote. */
    public static String baselineMethods(BaselineTable table) {
        StringBuilder s = new StringBuilder("Numbers: median (IQR, R's default quantile type "
                + "7), mean (SD), and the number missing where any is; categories: n (% of the "
                + "patients with a value). Total: every patient");
        if (table.by() != null && table.excluded() > 0) {
            s.append(", including ").append(table.excluded()).append(" without a value of ")
                    .append(Labels.stratifier(table.by()));
        }
        s.append('.');
        if (table.by() != null) {
            s.append(" Group differences as R's kruskal.test, chisq.test(correct = FALSE) and "
                    + "fisher.test (when an expected count is under 5), checked against ")
                    .append(R).append('.');
        }
        return s.toString();
    }

    public static String subgroupsCaption(SubgroupAnswer answer) {
        return Labels.endpoint(answer.request().endpoint()) + ": hazard ratio of "
                + answer.treated() + " vs " + answer.reference() + " by subgroup";
    }

    public static String subgroupsMethods(SubgroupAnswer answer) {
        return "Hazard ratios from a Cox model of the treatment alone within each subgroup "
                + "(Efron ties), with Wald 95% limits; HR < 1 favours " + answer.treated()
                + ". Interaction p: likelihood-ratio test of treatment × subgroup against "
                + "treatment + subgroup (R anova of two coxph fits). " + capitalised(
                        answer.tested()) + ". Numbers checked against " + R + ".";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
