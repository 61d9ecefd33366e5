import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.report.AnalysisCache;
import io.oncosurv.report.Artefact;
import io.oncosurv.report.Hashes;
import io.oncosurv.report.ReportBuilder;
import io.oncosurv.report.ReportSpecParser;
import io.oncosurv.report.Templates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Issue 20's target: a 20-page .docx report in under 2 s. The spec: the ICI sample cohort
 * (cohorts/), PFS and OS × 8 TME stratifiers (16 Kaplan–Meier analyses, each on its own page
 * with its figure at 300 dpi), the immortal-time check of antibiotics and the cumulative
 * incidence of PFS's causes, landmarks 6, 12, 24. Times {@link ReportBuilder#build} with only
 * {@code docx} asked, warm (the analyses cached, as a report made again at a data cut finds
 * them), and beside it the same report as {@code pdf} (openhtmltopdf, 150 dpi figures), our
 * other document of the same content. The page count is LibreOffice's (converted once, not
 * timed; skipped without /usr/bin/soffice).
 *
 * <pre>
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/WordReportBench.java 7
 * </pre>
 */
public final class WordReportBench {

    private static final String SPEC = "{\"cohort\": \"ici\", \"endpoints\": [\"pfs\", \"os\"], "
            + "\"stratifiers\": [\"pdl1\", \"lipi\", {\"name\": \"cd8\", \"cutoff\": 150}, "
            + "{\"name\": \"nlr\", \"cutoff\": 4}, \"akkermansia\", \"antibiotics\", \"sex\", "
            + "\"arm\"], \"landmarks\": [6, 12, 24], \"outputs\": [\"%s\"], \"analyses\": "
            + "[{\"analysis\": \"exposure-bias\", \"exposure\": \"antibiotics\", "
            + "\"endpoint\": \"os\"}, {\"analysis\": \"cumulative-incidence\", "
            + "\"endpoint\": \"pfs\", \"by\": \"arm\"}]}";
    private static final int WARM_UPS = 2;

    private WordReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        byte[] bytes = Files.readAllBytes(Path.of("cohorts", "synthetic-ici-oligometastatic.csv"));
        Cohort cohort = CohortReader.read(bytes, (char) 0);
        String sha = Hashes.sha256Hex(bytes);
        AnalysisCache cache = new AnalysisCache(64);
        StratifierSource source = StratifierSource.direct(cohort);
        for (String output : List.of(args.length > 1 ? args[1].split(",") : new String[] {"docx", "pdf"})) {
            String spec = String.format(Locale.ROOT, SPEC, output);
            byte[] made = null;
            for (int i = 0; i < WARM_UPS; i++) {
                made = build(spec, cohort, sha, cache, source);
            }
            double[] ms = new double[reps];
            for (int i = 0; i < reps; i++) {
                System.gc();
                long t = System.nanoTime();
                made = build(spec, cohort, sha, cache, source);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "report.%s: median %.0f ms, fastest %.0f ms of %d; "
                    + "%,d bytes; %s pages%n", output, ms[reps / 2], ms[0], reps, made.length,
                    pages(made, output));
        }
    }

    private static byte[] build(String spec, Cohort cohort, String sha, AnalysisCache cache,
            StratifierSource source) throws Exception {
        List<Artefact> artefacts = new ReportBuilder(ReportSpecParser.parse(spec), cohort, sha,
                new Templates()).build(source, cache, (done, total, what) -> { });
        return artefacts.get(artefacts.size() - 1).bytes();
    }

    /** The document's pages as LibreOffice lays it out (a PDF's, as PDFBox counts them). */
    private static String pages(byte[] made, String output) throws Exception {
        Path dir = Files.createTempDirectory("word-bench");
        Path file = dir.resolve("report." + output);
        Files.write(file, made);
        Path pdf = file;
        if (output.equals("docx")) {
            if (!Files.isExecutable(Path.of("/usr/bin/soffice"))) {
                return "? (no LibreOffice)";
            }
            Process p = new ProcessBuilder("/usr/bin/soffice", "--headless", "--norestore",
                    "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--convert-to",
                    "pdf", "--outdir", dir.toString(), file.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").toFile()).start();
            p.waitFor(300, TimeUnit.SECONDS);
            pdf = dir.resolve("report.pdf");
        }
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            return Integer.toString(doc.getNumberOfPages());
        }
    }
}
