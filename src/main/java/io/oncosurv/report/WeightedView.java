package io.oncosurv.report;

import io.oncosurv.analysis.CoxAnswer;
import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.analysis.WeightedRequest;
import io.oncosurv.chart.ClinicalFormat;
import io.oncosurv.stats.EValue;
import io.oncosurv.stats.LogisticFit;
import io.oncosurv.stats.PropensityWeights;
import io.oncosurv.stats.PropensityWeights.Estimand;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.WeightedSurvivalCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A weighted comparison as the analysis page, a report section and a Word document show it:
 * the plain-language caption, the weighted HR and its E-values, a row per group (patients,
 * weighted size, effective sample size, weight range, weighted median), the balance rows before
 * and after weighting, the propensity model's terms and the methods paragraph; {@code query}
 * is the /weighted query the figures and downloads are asked with. Every number is the one
 * {@link WeightedAnswer} carries (the numbers checked against R), only formatted here.
 */
public record WeightedView(String title, String caption, String hazardRatio, String eValue,
        List<GroupRow> groups, List<BalanceRow> balance, List<TermRow> propensity,
        int imbalanced, String methods, String query) {

    /** Where an SMD is commonly read as imbalance (Austin 2009). */
    public static final double SMD_LIMIT = 0.1;

    /** One group: its name, patients, sum of weights, ESS, weight range, weighted median. */
    public record GroupRow(String name, int n, String weighted, String ess, String range,
            String median) {
    }

    /** One adjusted column (a category: one row per level) before and after weighting. */
    public record BalanceRow(String column, String level, String before, String after,
            boolean imbalanced) {
    }

    /** One term of the propensity model. */
    public record TermRow(String term, String level, String coef, String se, String p) {
    }

    public WeightedView {
        groups = List.copyOf(groups);
        balance = List.copyOf(balance);
        propensity = List.copyOf(propensity);
    }

    public static WeightedView of(WeightedAnswer a, String query) {
        WeightedRequest r = a.request();
        List<GroupRow> groups = new ArrayList<>();
        List<PropensityWeights.GroupSummary> summaries = List.of(a.weights().first(),
                a.weights().second());
        for (int g = 0; g < 2; g++) {
            PropensityWeights.GroupSummary s = summaries.get(g);
            groups.add(new GroupRow(a.groupNames().get(g), s.n(), number(s.sum(), 1),
                    number(s.ess(), 1), number(s.min(), 2) + ClinicalFormat.RANGE_DASH
                            + number(s.max(), 2), median(a.curves().get(g))));
        }
        List<BalanceRow> balance = new ArrayList<>();
        int imbalanced = 0;
        for (WeightedAnswer.Balance b : a.balance()) {
            boolean off = !(Math.abs(b.after()) < SMD_LIMIT);
            imbalanced += off ? 1 : 0;
            balance.add(new BalanceRow(Labels.term(b.column()), b.level(),
                    number(b.before(), 3), number(b.after(), 3), off));
        }
        return new WeightedView(title(r), caption(a, imbalanced), hazardRatio(a), eValue(a),
                groups, balance, terms(a.propensity(), a.columns()), imbalanced, methods(a),
                query);
    }

    /** "Overall survival by antibiotics, adjusted for age, sex". */
    static String title(WeightedRequest r) {
        return Labels.endpoint(r.endpoint()) + " by " + Labels.stratifier(r.by())
                + ", adjusted for " + columns(r.adjust());
    }

    /** "Yes vs No: weighted HR 0.71 (95% CI 0.52–0.96), robust SE; p = 0.030". */
    static String hazardRatio(WeightedAnswer a) {
        double level = a.request().confLevel();
        double hr = a.cox().hazardRatio(0);
        if (a.coxStatus() == WeightedAnswer.CoxStatus.NOT_ESTIMABLE) {
            return "Weighted HR not estimable: " + a.coxNote();
        }
        if (a.coxStatus() == WeightedAnswer.CoxStatus.NO_INTERVAL) {
            return a.groupNames().get(1) + " vs " + a.groupNames().get(0) + ": weighted HR "
                    + ClinicalFormat.ratio(hr) + ", no interval: " + a.coxNote();
        }
        return a.groupNames().get(1) + " vs " + a.groupNames().get(0) + ": weighted "
                + ClinicalFormat.hazardRatio(hr, a.cox().hazardRatioLower(0, level),
                        a.cox().hazardRatioUpper(0, level), level)
                + ", robust SE; " + ClinicalFormat.p(a.cox().p(0));
    }

    /** "E-value 2.15 (CI limit 1.23)". */
    static String eValue(WeightedAnswer a) {
        if (a.coxStatus() != WeightedAnswer.CoxStatus.ESTIMATED) {
            return "No E-value: the weighted HR has no interval";
        }
        return "E-value " + number(a.eValue().estimate(), 2) + " (for the CI limit nearer 1: "
                + number(a.eValue().ci(), 2) + ")";
    }

    /**
     * What the comparison means, for a clinician: who was compared, what the weights did, the
     * result, how strong an unmeasured confounder would have to be, and whether balance holds.
     */
    static String caption(WeightedAnswer a, int imbalanced) {
        WeightedRequest r = a.request();
        String first = a.groupNames().get(0);
        String second = a.groupNames().get(1);
        StringBuilder s = new StringBuilder();
        s.append("Patients with ").append(second).append(" and with ").append(first)
                .append(" may differ in ").append(columns(r.adjust()))
                .append(". Each patient is weighted by the inverse of the chance, given these "
                        + "characteristics, of being in their group, so that ");
        if (r.estimand() == Estimand.ATE) {
            s.append("both groups resemble the whole cohort (average treatment effect, ATE). ");
        } else {
            s.append("the ").append(first).append(" group resembles the ").append(second)
                    .append(" group (effect among patients like those with ").append(second)
                    .append(", ATT). ");
        }
        double hr = a.cox().hazardRatio(0);
        double level = a.request().confLevel();
        if (a.coxStatus() == WeightedAnswer.CoxStatus.ESTIMATED) {
            double lower = a.cox().hazardRatioLower(0, level);
            double upper = a.cox().hazardRatioUpper(0, level);
            s.append("After weighting, the hazard of an event with ").append(second)
                    .append(" was ").append(ClinicalFormat.ratio(hr)).append(" times that with ")
                    .append(first).append(" (").append(ClinicalFormat.level(level))
                    .append(" CI ").append(ClinicalFormat.ratio(lower))
                    .append(ClinicalFormat.RANGE_DASH).append(ClinicalFormat.ratio(upper))
                    .append("). ");
            double e = a.eValue().estimate();
            double ci = a.eValue().ci();
            if (Double.isFinite(e)) {
                s.append("To explain this away, an unmeasured confounder would have to be "
                        + "associated with both the group and the outcome by a risk ratio of ")
                        .append(number(e, 2)).append(" each");
                if (Double.isFinite(ci) && ci > 1) {
                    s.append("; by ").append(number(ci, 2))
                            .append(" to move the confidence interval to include 1. ");
                } else {
                    s.append("; the confidence interval already includes 1. ");
                }
            }
        } else if (a.coxStatus() == WeightedAnswer.CoxStatus.NO_INTERVAL) {
            s.append("After weighting, the hazard ratio of ").append(second).append(" to ")
                    .append(first).append(" is ").append(ClinicalFormat.ratio(hr))
                    .append(", without a confidence interval: ").append(a.coxNote())
                    .append(". ");
        } else {
            s.append("The weighted hazard ratio could not be estimated: ")
                    .append(a.coxNote()).append(". ");
        }
        if (imbalanced == 0) {
            s.append("After weighting, every adjusted characteristic is balanced "
                    + "(standardised difference below ").append(SMD_LIMIT).append(").");
        } else {
            s.append(imbalanced).append(imbalanced == 1 ? " characteristic remains"
                    : " characteristics remain").append(" imbalanced after weighting "
                            + "(standardised difference of ").append(SMD_LIMIT)
                    .append(" or more): read the result with care.");
        }
        return s.append(" Weighting adjusts only for the characteristics named.").toString();
    }

    /** How the numbers were made, for the methods section. */
    static String methods(WeightedAnswer a) {
        WeightedRequest r = a.request();
        StringBuilder s = new StringBuilder();
        s.append("Propensity score from a logistic regression of ")
                .append(a.groupNames().get(1)).append(" vs ").append(a.groupNames().get(0))
                .append(" on ").append(columns(r.adjust())).append(" (R glm, binomial). ");
        s.append(r.estimand() == Estimand.ATE ? "ATE weights 1/ps and 1/(1 − ps)"
                : "ATT weights 1 for " + a.groupNames().get(1) + ", ps/(1 − ps) for "
                        + a.groupNames().get(0));
        if (r.stabilized()) {
            s.append(", stabilised by each group's share");
        }
        if (r.trim() > 0) {
            s.append("; patients with a score outside the ")
                    .append(number(100 * r.trim(), 1)).append("th–")
                    .append(number(100 * (1 - r.trim()), 1))
                    .append("th percentiles left out (").append(a.weights().trimmed())
                    .append(')');
        }
        s.append(". Balance as standardised mean differences (weighted means, unweighted "
                + "variances); effective sample size (Σw)²/Σw². Weighted Kaplan–Meier curves "
                + "(R survfit with weights; infinitesimal-jackknife standard errors when weights "
                + "are fractional) and a weighted Cox model with the robust sandwich variance "
                + "(R coxph(weights, robust = TRUE)); E-values by VanderWeele and Ding (2017)")
                .append(EValue.commonOutcome(a.cox().model().events(), a.cox().model()
                        .patients()) ? ", with the square-root transformation of the HR as "
                                + "over 15 % of patients had the event" : "").append(". ");
        if (a.excluded() > 0) {
            s.append(a.excluded()).append(a.excluded() == 1 ? " patient" : " patients")
                    .append(" without a time, event, group or adjustment value")
                    .append(r.trim() > 0 ? ", or trimmed," : "").append(" left out. ");
        }
        return s.append("Numbers checked against ").append(StudyTablesText.R).append('.')
                .toString();
    }

    private static List<TermRow> terms(LogisticFit fit, List<CoxAnswer.Column> columns) {
        List<TermRow> out = new ArrayList<>();
        double[] coef = fit.coefficients();
        double[] se = fit.standardErrors();
        double[] p = fit.p();
        for (int k = 0; k < coef.length; k++) {
            CoxAnswer.Column c = k == 0 ? null : columns.get(k - 1);
            out.add(new TermRow(c == null ? "(Intercept)" : Labels.term(c.term()),
                    c == null ? null : c.level(), number(coef[k], 3), number(se[k], 3),
                    Double.isNaN(p[k]) ? Formats.NONE : ClinicalFormat.pValue(p[k])));
        }
        return out;
    }

    private static String median(WeightedSurvivalCurve c) {
        QuantileEstimate m = c.median();
        return Formats.monthsWithLimits(m.estimate(), m.lower(), m.upper());
    }

    private static String columns(List<String> names) {
        List<String> labels = new ArrayList<>();
        names.forEach(n -> labels.add(Labels.term(n)));
        if (labels.size() <= 1) {
            return String.join("", labels);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and "
                + labels.get(labels.size() - 1);
    }

    private static String number(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v)
                : Formats.NONE;
    }
}
