package io.oncosurv.chart;

import io.oncosurv.analysis.PanelEntry;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * A forest plot of the TME panel for one endpoint: per stratifier a header row with its log-rank
 * p (Gray's p for the panel on a cause) and q, then a row per level with its HR and CI against
 * the reference level; as a JFreeChart for the encoders and as the {@link ForestDrawing} it was
 * built from.
 */
public final class ForestPlotFigure {

    /** Height per row, in inches, of {@link #suggestedSize}: 9-point text with room. */
    static final double ROW_INCHES = 0.2;

    private final JFreeChart chart;
    private final ForestDrawing drawing;

    private ForestPlotFigure(JFreeChart chart, ForestDrawing drawing) {
        this.chart = chart;
        this.drawing = drawing;
    }

    /**
     * @param entries panel entries of one endpoint, in the order to show
     * @throws IllegalArgumentException when empty or of several endpoints
     */
    public static ForestPlotFigure of(List<PanelEntry> entries, ForestOptions options) {
        Headless.ensure();
        ForestDrawing drawing = ForestLayout.of(entries, options);
        return new ForestPlotFigure(ForestChart.of(drawing), drawing);
    }

    public JFreeChart chart() {
        return chart;
    }

    public ForestDrawing drawing() {
        return drawing;
    }

    /**
     * 8 in wide, wider when the labels need it, and tall enough for every row and the side
     * labels (within the 2–20 in limits), at {@code dpi}.
     */
    public FigureSize suggestedSize(int dpi) {
        double height = 1.2 + ROW_INCHES * (drawing.rows().size() + 2)
                + (drawing.title() == null ? 0 : 0.3);
        double width = (drawing.labelPoints() + ForestChart.FOREST_POINTS
                + ForestChart.TABLE_POINTS + ForestChart.OUTSIDE_POINTS) / 72;
        return new FigureSize(Math.min(FigureSize.MAX_INCHES, Math.max(8, width)),
                Math.max(FigureSize.MIN_INCHES, Math.min(FigureSize.MAX_INCHES, height)), dpi);
    }
}
