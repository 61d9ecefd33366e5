package io.oncosurv.chart;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.lang.reflect.Field;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.data.xy.XYDataset;

/** Reads back what a JFreeChart holds, so tests check the chart and not only the drawing. */
final class ChartParts {

    private ChartParts() {
    }

    static XYPlot curvePlot(JFreeChart chart) {
        return ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(0);
    }

    static XYPlot tablePlot(JFreeChart chart) {
        return ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(1);
    }

    /** The (x, y) items of one series. */
    static List<double[]> items(XYDataset dataset, int series) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < dataset.getItemCount(series); i++) {
            out.add(new double[] {dataset.getXValue(series, i), dataset.getYValue(series, i)});
        }
        return out;
    }

    static <T extends XYAnnotation> List<T> annotations(Iterable<?> all, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object a : all) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }

    /** The annotations of a renderer of the plot (background and foreground). */
    static <T extends XYAnnotation> List<T> rendererAnnotations(XYPlot plot, int renderer,
            Class<T> type) {
        return annotations(((AbstractXYItemRenderer) plot.getRenderer(renderer))
                .getAnnotations(), type);
    }

    static List<String> legendLabels(JFreeChart chart) {
        LegendItemCollection items = chart.getPlot().getLegendItems();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            out.add(items.get(i).getLabel());
        }
        return out;
    }

    /** The vertices of an XYShapeAnnotation's shape (JFreeChart has no getter for it). */
    static List<double[]> vertices(XYShapeAnnotation annotation) {
        Shape shape;
        try {
            Field field = XYShapeAnnotation.class.getDeclaredField("shape");
            field.setAccessible(true);
            shape = (Shape) field.get(annotation);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        List<double[]> out = new ArrayList<>();
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            if (it.currentSegment(c) != PathIterator.SEG_CLOSE) {
                out.add(new double[] {c[0], c[1]});
            }
        }
        return out;
    }

    static List<XYTextAnnotation> texts(XYPlot plot) {
        return annotations(plot.getAnnotations(), XYTextAnnotation.class);
    }

    /** A chart drawn once as a 7 × 6 in, 150 dpi image, with the layout it computed. */
    record Rendered(Graphics2D g2, ChartRenderingInfo info) {
        Rectangle2D dataArea(int subplot) {
            return info.getPlotInfo().getSubplotInfo(subplot).getDataArea();
        }
    }

    static Rendered render(JFreeChart chart) {
        FigureSize size = FigureSize.defaults();
        BufferedImage image = new BufferedImage(size.widthPixels(), size.heightPixels(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        g2.scale(size.dpi() / 72.0, size.dpi() / 72.0);
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g2, new Rectangle2D.Double(0, 0, size.widthPoints(), size.heightPoints()),
                info);
        return new Rendered(g2, info);
    }
}
