package io.oncosurv.analysis;

import io.oncosurv.stats.EValue;
import io.oncosurv.stats.LogisticFit;
import io.oncosurv.stats.PropensityWeights;
import io.oncosurv.stats.WeightedCoxResult;
import io.oncosurv.stats.WeightedSurvivalCurve;
import java.util.List;

/**
 * A weighted comparison: the two groups (labels, first the reference), the propensity model
 * (its design columns, the fit), the weights over the patients used, the balance rows, the
 * weighted Kaplan–Meier curve of each group, the weighted Cox fit of the second group against the
 * first with the robust variance (the kernel's fit as R's coxph gives it), whether that HR and
 * its interval stand ({@code coxStatus}, and {@code coxNote} saying why not), the E-values of
 * its HR, and {@code excluded}: the patients left out for a missing time, event, group or
 * adjustment value, then by trimming.
 */
public record WeightedAnswer(WeightedRequest request, List<String> groups,
        List<String> groupNames, List<CoxAnswer.Column> columns, LogisticFit propensity,
        PropensityWeights.Result weights, List<Balance> balance,
        List<WeightedSurvivalCurve> curves, WeightedCoxResult cox, CoxStatus coxStatus,
        String coxNote, EValue.Result eValue, int excluded) {

    /**
     * What of the weighted Cox fit is an answer: all of it; the HR without its robust se,
     * interval and p (the robust variance is 0 to rounding); or nothing (no events, or an HR of
     * 0 or infinity, where R's coxph fails or returns a number that is not an estimate).
     */
    public enum CoxStatus { ESTIMATED, NO_INTERVAL, NOT_ESTIMABLE }

    /** One adjusted column (a category's level: {@code level} not null) before and after. */
    public record Balance(String column, String level, double before, double after) {
    }

    public WeightedAnswer {
        groups = List.copyOf(groups);
        groupNames = List.copyOf(groupNames);
        columns = List.copyOf(columns);
        balance = List.copyOf(balance);
        curves = List.copyOf(curves);
    }
}
