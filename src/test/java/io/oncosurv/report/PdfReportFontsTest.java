package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.testsupport.SharedReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pages' PDFs (openhtmltopdf on PDFBox) print ≥, ×, ² and – in embedded DejaVu Sans. */
class PdfReportFontsTest {

    @BeforeAll
    static void fonts() {
        Assumptions.assumeTrue(Files.isReadable(Path.of(
                "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")), ".ci/run installs it");
    }

    @Test
    @DisplayName("a print page's signs are text in the PDF, and every font in it is embedded")
    void signsAsText() throws Exception {
        String xhtml = "<html><head><style>body { font-family: \"DejaVu Sans\", sans-serif; }"
                + "</style></head><body><h1>NLR \u2265 5</h1><p>dose 2\u00d710\u00b2 mg, "
                + "HR 0.59 (0.42\u20130.82), \u03c7\u00b2 = 10.3</p></body></html>";
        byte[] pdf = PdfReport.render(xhtml, new PdfFooter("OncoSurv test", null, "abc"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("NLR \u2265 5"), text);
            assertTrue(text.contains("dose 2\u00d710\u00b2 mg, HR 0.59 (0.42\u20130.82), "
                    + "\u03c7\u00b2 = 10.3"), text);
            assertEmbedded(doc);
        }
    }

    @Test
    @DisplayName("report.pdf of lung by sex: every font embedded DejaVu Sans")
    void reportFontsEmbedded() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedReference.file("lung.csv"));
        Cohort cohort = CohortReader.read(bytes, (char) 0);
        String spec = "{\"cohort\": \"lung\", \"endpoints\": [\"os\"], \"stratifiers\": "
                + "[\"sex\"], \"outputs\": [\"pdf\"]}";
        List<Artefact> artefacts = new ReportBuilder(ReportSpecParser.parse(spec), cohort,
                Hashes.sha256Hex(bytes), new Templates()).build(StratifierSource.direct(cohort),
                        new AnalysisCache(4), (done, total, what) -> { });
        byte[] pdf = artefacts.stream().filter(a -> a.name().equals("report.pdf")).findFirst()
                .orElseThrow().bytes();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEmbedded(doc);
        }
    }

    private static void assertEmbedded(PDDocument doc) throws Exception {
        List<String> fonts = new ArrayList<>();
        for (PDPage page : doc.getPages()) {
            collect(page.getResources(), fonts);
        }
        assertTrue(!fonts.isEmpty() && fonts.stream().allMatch(f -> f.matches(
                "embedded [A-Z]{6}\\+DejaVuSans.*")), fonts.toString());
    }

    private static void collect(PDResources resources, List<String> fonts) throws Exception {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            var font = resources.getFont(name);
            fonts.add((font.isEmbedded() ? "embedded " : "not embedded ") + font.getName());
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDFormXObject form) {
                collect(form.getResources(), fonts);
            }
        }
    }
}
