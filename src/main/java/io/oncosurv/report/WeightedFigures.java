package io.oncosurv.report;

import io.oncosurv.analysis.WeightedAnswer;
import io.oncosurv.chart.BalanceFigure;
import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.PngEncoder;
import io.oncosurv.chart.WeightedKaplanMeierFigure;
import io.oncosurv.report.word.WordFigure;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * A weighted comparison's two figures as /weighted.png and /weighted/balance.png draw them
 * (without a title): the weighted Kaplan–Meier curves, 7 × 5.5 in as every Kaplan–Meier figure,
 * and the balance plot sized to its rows; as PNG data URIs for HTML and PDF (openhtmltopdf
 * fetches nothing) and at print resolution for Word.
 */
public record WeightedFigures(JFreeChart curves, FigureSize curvesSize, JFreeChart balance,
        FigureSize balanceSize) {

    public static WeightedFigures of(WeightedAnswer a, int dpi) {
        BalanceFigure balance = BalanceFigure.of(balanceRows(a), null);
        return new WeightedFigures(curves(a, null).chart(), new FigureSize(7, 5.5, dpi),
                balance.chart(), balance.suggestedSize(dpi));
    }

    /** The weighted curves as /weighted.png draws them, titled (null: no title). */
    public static WeightedKaplanMeierFigure curves(WeightedAnswer a, String title) {
        return WeightedKaplanMeierFigure.of(a, a.groupNames(), "Months",
                Labels.endpoint(a.request().endpoint()) + " (weighted)", title);
    }

    /** The balance plot's rows: a term by its label, a category's level after it ("Sex: 2"). */
    public static List<BalanceFigure.Row> balanceRows(WeightedAnswer a) {
        List<BalanceFigure.Row> rows = new ArrayList<>();
        for (WeightedAnswer.Balance b : a.balance()) {
            String term = Labels.term(b.column());
            rows.add(new BalanceFigure.Row(b.level() == null ? term : term + ": " + b.level(),
                    b.before(), b.after()));
        }
        return rows;
    }

    public String curvesDataUri() {
        return dataUri(curves, curvesSize);
    }

    public String balanceDataUri() {
        return dataUri(balance, balanceSize);
    }

    /** The curves as Word shows them, captioned with the comparison's title. */
    public WordFigure curvesForWord(String title) {
        return WordFigure.of(curves, curvesSize, "Weighted Kaplan–Meier estimates: " + title);
    }

    /** The balance plot as Word shows it. */
    public WordFigure balanceForWord(String title) {
        return WordFigure.of(balance, balanceSize, "Balance before and after weighting "
                + "(absolute standardised mean differences): " + title);
    }

    public byte[] curvesPng() {
        return PngEncoder.encode(curves, curvesSize);
    }

    public byte[] balancePng() {
        return PngEncoder.encode(balance, balanceSize);
    }

    private static String dataUri(JFreeChart chart, FigureSize size) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(
                PngEncoder.encode(chart, size));
    }
}
