package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.BaselineAnalysis;
import io.oncosurv.analysis.BaselineRequest;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.SubgroupAnalysis;
import io.oncosurv.analysis.SubgroupAnswer;
import io.oncosurv.analysis.SubgroupRequest;
import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.analysis.TteTable;
import io.oncosurv.analysis.TteTableAnalysis;
import io.oncosurv.analysis.TteTableRequest;
import io.oncosurv.cohort.Cohort;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our Word documents open in a word processor that is not POI: LibreOffice (Debian's
 * libreoffice-writer, installed by .ci/run) converts report.docx, the study tables, one
 * landscape table and a weighted comparison (weighted.docx) to PDF; each has pages, a known cell's text, and the table document's pages
 * are landscape.
 */
class WordRenderTest {

    private static final Path SOFFICE = Path.of("/usr/bin/soffice");

    @TempDir
    Path dir;

    @Test
    @DisplayName("LibreOffice renders report.docx, the study tables and a TTE table: pages, "
            + "the known cells, landscape where wide")
    void rendersInLibreOffice() throws Exception {
        assertTrue(Files.isExecutable(SOFFICE), "LibreOffice is needed: apt-get install "
                + "libreoffice-writer (.ci/run does)");
        Cohort cohort = ReportWordTest.cohort();
        StratifierSource source = StratifierSource.direct(cohort);
        Files.write(dir.resolve("report.docx"), ReportWordTest.docx(ReportWordTest.SPEC));
        SurvivalResult osPdl1 = SurvivalAnalysis.run(cohort, new ReportBuilder(
                ReportSpecParser.parse(ReportWordTest.SPEC), cohort, "x", new Templates())
                .requests().get(0), source);
        var median = osPdl1.groups().get(0).median();
        String reportCell = Formats.monthsWithLimits(median.estimate(), median.lower(),
                median.upper());

        TteTable tte = TteTableAnalysis.run(cohort, new TteTableRequest("os", "arm", Map.of(),
                "sex", new double[] {6, 12}, 0.95), source);
        StudyTablesView.Section tteSection = StudyTablesView.tte(tte, "");
        SubgroupAnswer subgroups = SubgroupAnalysis.run(cohort, new SubgroupRequest("os",
                "arm", List.of("pdl1", "lipi"), Map.of()), source);
        StudyTablesView view = new StudyTablesView(tteSection, StudyTablesView.baseline(
                BaselineAnalysis.run(cohort, new BaselineRequest("arm", Map.of()), source), ""),
                StudyTablesView.subgroups(subgroups, ""), "");
        Files.write(dir.resolve("study-tables.docx"), StudyTablesWord.all("Study tables",
                "ICI sample", view, StudyTablesFigures.word(subgroups), "footer"));
        Files.write(dir.resolve("tte-table.docx"), StudyTablesWord.table("TTE table",
                tteSection, null, "footer"));
        String hrCell = tteSection.rows().get(1).get(4);
        String subgroupCell = view.subgroups().rows().get(0).get(3);

        io.oncosurv.analysis.WeightedAnswer weighted = io.oncosurv.analysis.WeightedAnalysis
                .run(cohort, new io.oncosurv.analysis.WeightedRequest("os", "arm", Map.of(),
                        List.of("age", "sex", "pdl1_tps", "ldh"),
                        io.oncosurv.stats.PropensityWeights.Estimand.ATE, false, 0, 0.95),
                        source);
        WeightedView weightedView = WeightedView.of(weighted, "");
        WeightedFigures figures = WeightedFigures.of(weighted, 300);
        Files.write(dir.resolve("weighted.docx"), WeightedWord.document("Adjusted comparison",
                weightedView, figures.curvesForWord(weightedView.title()),
                figures.balanceForWord(weightedView.title()), "footer"));
        String essCell = weightedView.groups().get(1).ess();
        String smdCell = weightedView.balance().get(0).before();

        convert(List.of("report.docx", "study-tables.docx", "tte-table.docx",
                "weighted.docx"));
        assertRendered("weighted.pdf", essCell, false);
        assertRendered("weighted.pdf", smdCell, false);
        assertRendered("report.pdf", reportCell, false);
        assertRendered("study-tables.pdf", hrCell, true);
        assertRendered("study-tables.pdf", subgroupCell, true);
        assertRendered("tte-table.pdf", hrCell, true);
    }

    private void convert(List<String> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(SOFFICE.toString(), "--headless",
                "--norestore", "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                "--convert-to", "pdf", "--outdir", dir.toString()));
        files.forEach(f -> command.add(dir.resolve(f).toString()));
        File log = dir.resolve("soffice.log").toFile();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log).start();
        // a cold LibreOffice on a busy 2-core machine takes tens of seconds
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "LibreOffice did not finish");
        assertEquals(0, p.exitValue(), Files.readString(log.toPath()));
    }

    private void assertRendered(String pdf, String cell, boolean landscape) throws Exception {
        Path file = dir.resolve(pdf);
        assertTrue(Files.exists(file), pdf + " was not written: " + Files.readString(
                dir.resolve("soffice.log")));
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            assertTrue(doc.getNumberOfPages() > 0, pdf);
            // a cell may wrap where the document is narrow: its text across the line break
            String text = new PDFTextStripper().getText(doc).replaceAll("\\R", "");
            assertTrue(text.contains(cell), "'" + cell + "' in " + pdf + ": " + text);
            var box = doc.getPage(0).getMediaBox();
            assertEquals(landscape, box.getWidth() > box.getHeight(), pdf + " orientation");
        }
    }
}
