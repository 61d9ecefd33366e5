package io.oncosurv.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * Where a PDF draws its images: each image's box on its page (points), from the transformation
 * in force at its {@code Do}; for checking that a figure fits the page it is printed on.
 */
public final class PdfImages extends PDFStreamEngine {

    /** One image drawn: its page (0-based), its box, and the page's media box. */
    public record Placed(int page, double x, double y, double width, double height,
            PDRectangle media) {

        /** Whether the whole image lies on the page. */
        public boolean onPage() {
            double slack = 0.5;
            return x >= media.getLowerLeftX() - slack && y >= media.getLowerLeftY() - slack
                    && x + width <= media.getUpperRightX() + slack
                    && y + height <= media.getUpperRightY() + slack;
        }
    }

    private final List<Placed> placed = new ArrayList<>();
    private int page;
    private PDRectangle media;

    private PdfImages() {
        addOperator(new Concatenate(this));
        addOperator(new Save(this));
        addOperator(new Restore(this));
        addOperator(new SetMatrix(this));
    }

    public static List<Placed> of(PDDocument pdf) throws IOException {
        PdfImages engine = new PdfImages();
        for (PDPage p : pdf.getPages()) {
            engine.media = p.getMediaBox();
            engine.processPage(p);
            engine.page++;
        }
        return List.copyOf(engine.placed);
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands)
            throws IOException {
        if ("Do".equals(operator.getName()) && !operands.isEmpty()
                && operands.get(0) instanceof COSName name
                && getResources().getXObject(name) instanceof PDImageXObject) {
            Matrix m = getGraphicsState().getCurrentTransformationMatrix();
            placed.add(new Placed(page, m.getTranslateX(), m.getTranslateY(),
                    m.getScalingFactorX(), m.getScalingFactorY(), media));
            return;
        }
        super.processOperator(operator, operands);
    }
}
