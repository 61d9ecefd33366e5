package io.oncosurv.report.word;

import io.oncosurv.chart.FigureSize;
import io.oncosurv.chart.PngEncoder;
import org.jfree.chart.JFreeChart;

/**
 * A figure for a Word document: the PNG drawn at print resolution and its size, so the page
 * shows it at the size it was drawn for (or the text width, if narrower), and its caption.
 */
public record WordFigure(byte[] png, FigureSize size, String caption) {

    /** Print resolution: what journals and CSR publishing ask of raster figures. */
    public static final int DPI = 300;

    public static WordFigure of(JFreeChart chart, FigureSize size, String caption) {
        FigureSize print = new FigureSize(size.widthInches(), size.heightInches(), DPI);
        return new WordFigure(PngEncoder.encode(chart, print), print, caption);
    }
}
