package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * report.docx from a spec on the ICI sample cohort: the sections of report.html as Word headings,
 * each analysis' Kaplan–Meier figure at print resolution with its caption, its table of groups
 * with the numbers of the one analysis, the methods paragraph, the immortal-time check and the
 * cumulative incidence; the provenance; the same bytes every time.
 */
class ReportWordTest {

    static final String SPEC = "{\"cohort\": \"ici\", \"endpoints\": [\"os\", \"pfs\"], "
            + "\"stratifiers\": [\"pdl1\", \"lipi\"], \"landmarks\": [12], "
            + "\"outputs\": [\"docx\"], \"analyses\": [{\"analysis\": \"exposure-bias\", "
            + "\"exposure\": \"antibiotics\", \"endpoint\": \"os\"}, {\"analysis\": "
            + "\"cumulative-incidence\", \"endpoint\": \"pfs\", \"by\": \"arm\"}]}";

    static Cohort cohort() throws Exception {
        return CohortReader.read(bytes(), (char) 0);
    }

    static byte[] bytes() throws Exception {
        return Files.readAllBytes(Path.of("cohorts", "synthetic-ici-oligometastatic.csv"));
    }

    static byte[] docx(String spec) throws Exception {
        Cohort cohort = cohort();
        List<Artefact> artefacts = new ReportBuilder(ReportSpecParser.parse(spec), cohort,
                Hashes.sha256Hex(bytes()), new Templates()).build(StratifierSource.direct(
                        cohort), new AnalysisCache(16), (done, total, what) -> { });
        assertEquals(List.of("report.docx"), artefacts.stream().map(Artefact::name).toList());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                artefacts.get(0).mediaType());
        return artefacts.get(0).bytes();
    }

    @Test
    @DisplayName("headings, figures, tables and numbers of report.html; the same bytes twice")
    void sections() throws Exception {
        byte[] bytes = docx(SPEC);
        assertArrayEquals(bytes, docx(SPEC), "the same spec and cohort, the same bytes");
        Cohort cohort = cohort();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            List<String> headings = doc.getParagraphs().stream().filter(p -> "Heading1".equals(
                    p.getStyle())).map(XWPFParagraph::getText).toList();
            assertEquals("Summary", headings.get(0));
            assertEquals("Provenance", headings.get(headings.size() - 1));
            // 4 Kaplan–Meier analyses, the cumulative incidence, the immortal-time check
            assertEquals(1 + 4 + 1 + 1 + 1, headings.size(), headings.toString());
            // a figure per analysis, per cause (pfs has 3) and the check's forest
            assertEquals(4 + 3 + 1, doc.getAllPictures().size());

            // the summary: a row per analysis with its log-rank p
            XWPFTable summary = doc.getTables().get(0);
            assertEquals(5, summary.getRows().size());
            SurvivalResult osPdl1 = SurvivalAnalysis.run(cohort, new ReportBuilder(
                    ReportSpecParser.parse(SPEC), cohort, "x", new Templates()).requests()
                    .get(0), StratifierSource.direct(cohort));
            assertEquals(Formats.pValue(osPdl1.logRank().p()), summary.getRow(1).getCell(5)
                    .getText());

            // the first analysis' table: a row per group, the median with its limits
            XWPFTable groups = doc.getTables().get(1);
            assertEquals(osPdl1.groups().size() + 1, groups.getRows().size());
            for (int g = 0; g < osPdl1.groups().size(); g++) {
                var median = osPdl1.groups().get(g).median();
                assertEquals(Formats.monthsWithLimits(median.estimate(), median.lower(),
                        median.upper()), groups.getRow(g + 1).getCell(3).getText());
            }
            List<String> captions = new ArrayList<>();
            doc.getParagraphs().stream().filter(p -> "Caption".equals(p.getStyle()))
                    .forEach(p -> captions.add(p.getText()));
            assertTrue(captions.contains("Figure 1. Kaplan–Meier estimates: "
                    + AnalysisView.of(osPdl1, "", "").title()), captions.toString());
            String text = String.join("\n", doc.getParagraphs().stream()
                    .map(XWPFParagraph::getText).toList());
            assertTrue(text.contains("was analysed in cohort ici"), "the methods paragraph");
            assertTrue(text.contains("antibiotics"), "the immortal-time check");
            assertTrue(doc.getTables().get(doc.getTables().size() - 1).getText()
                    .contains(Hashes.sha256Hex(bytes())), "the provenance names the cohort");
        }
    }
}
