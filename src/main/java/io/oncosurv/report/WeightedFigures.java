package io.oncosurv.report;

import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.chart.BalanceFigure;
import io.oncosurv.chart.WeightedKaplanMeierFigure;
import java.util.ArrayList;
import java.util.List;

/**
 * The two figures of a weighted comparison as every output draws them (the figure routes, the
 * analysis page's PDF, reports): the weighted Kaplan–Meier curves with the groups' display
 * names, and the balance plot with each adjusted column (a category: "Sex: 2") labelled.
 */
public final class WeightedFigures {

    private WeightedFigures() {
    }

    /** @param title the title, or null for none */
    public static WeightedKaplanMeierFigure curves(WeightedAnswer a, String title) {
        return WeightedKaplanMeierFigure.of(a, a.groupNames(), "Months",
                Labels.endpoint(a.request().endpoint()) + " (weighted)", title);
    }

    /** @param title the title, or null for none */
    public static BalanceFigure balance(WeightedAnswer a, String title) {
        List<BalanceFigure.Row> rows = new ArrayList<>();
        for (WeightedAnswer.Balance b : a.balance()) {
            String term = Labels.term(b.column());
            rows.add(new BalanceFigure.Row(b.level() == null ? term : term + ": " + b.level(),
                    b.before(), b.after()));
        }
        return BalanceFigure.of(rows, title);
    }
}
