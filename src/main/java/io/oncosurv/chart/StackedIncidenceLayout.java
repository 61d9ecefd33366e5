package io.oncosurv.chart;

import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.chart.KaplanMeierDrawing.BandStep;
import io.oncosurv.chart.StackedIncidenceDrawing.Layer;
import io.oncosurv.stats.CumulativeIncidenceCurve;
import java.util.ArrayList;
import java.util.List;

/** Works out what the stacked incidence figure of one group draws (no JFreeChart here). */
final class StackedIncidenceLayout {

    private StackedIncidenceLayout() {
    }

    static StackedIncidenceDrawing of(CumulativeIncidenceResult result, String group,
            IncidenceOptions options) {
        CumulativeIncidenceResult.Group g = group(result, group);
        TimeBreaks breaks = CumulativeIncidenceLayout.breaks(result, options);
        CumulativeIncidenceCurve curve = g.curve();
        double[] time = curve.time();
        double[][] cif = curve.cif();
        // the total of the causes changes wherever any cause does (each one only rises)
        double[] total = new double[time.length];
        for (double[] cause : cif) {
            for (int i = 0; i < time.length; i++) {
                total[i] += cause[i];
            }
        }
        int[] kept = StepThinning.steps(time.length, i -> time[i], i -> total[i], 0,
                breaks.max(), options.thinningColumns());
        double start = CumulativeIncidenceLayout.start(result);
        int k = options.smallCells();
        double[] below = new double[kept.length];
        List<Layer> layers = new ArrayList<>();
        for (int c = 0; c < cif.length; c++) {
            List<BandStep> steps = new ArrayList<>(kept.length + 1);
            steps.add(new BandStep(start, 0, 0));
            for (int j = 0; j < kept.length; j++) {
                double upper = below[j] + cif[c][kept[j]];
                steps.add(new BandStep(time[kept[j]], below[j], upper));
                below[j] = upper;
            }
            String cause = result.causes().get(c);
            layers.add(new Layer(cause, cause + " (events = "
                    + ClinicalFormat.count(g.events()[c], k) + ")", steps));
        }
        List<Integer> atRisk = CumulativeIncidenceLayout.atRisk(curve, breaks);
        String yLabel = options.yLabel() != null ? options.yLabel() : "Cumulative incidence";
        String name = options.displayName(g.label());
        // which group this is, on the plot: the title is the user's, the table's row is small
        String caption = name + " (n = " + ClinicalFormat.count(g.n(), k) + ")";
        return new StackedIncidenceDrawing(g.label(), name, layers, breaks, atRisk,
                CumulativeIncidenceLayout.atRiskText(atRisk, k), List.of(caption),
                options.xLabel(), yLabel, options.title());
    }

    private static CumulativeIncidenceResult.Group group(CumulativeIncidenceResult result,
            String label) {
        for (CumulativeIncidenceResult.Group g : result.groups()) {
            if (g.label().equals(label)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no group '" + label + "'; the groups are "
                + String.join(", ", result.groups().stream()
                        .map(CumulativeIncidenceResult.Group::label).toList()));
    }
}
