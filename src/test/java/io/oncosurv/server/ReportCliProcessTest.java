package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.report.Hashes;
import io.oncosurv.testsupport.SharedReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oncosurv report} as a pipeline runs it: a separate process through the jar's main
 * class, its exit code, its sha256sum-style listing on stdout, its progress and errors on stderr.
 */
class ReportCliProcessTest {

    @TempDir
    Path work;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
                "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = work.resolve("stdout-" + System.nanoTime());
        Path err = work.resolve("stderr-" + System.nanoTime());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    @DisplayName("a YAML spec: exit 0, one 'sha256  name' line per file written, a line of "
            + "progress per step on stderr (no terminal)")
    void makesReport() throws Exception {
        Path spec = Files.writeString(work.resolve("spec.yaml"), String.join("\n",
                "cohort: lung", "stratifiers: [sex]", "outputs: [html, csv, png]", ""));
        Path out = work.resolve("out");
        Run r = run("report", "--spec", spec.toString(), "--cohort",
                SharedReference.file("lung.csv").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("os-sex.png", "report.html", "report.csv"), lines.stream()
                .map(l -> l.substring(66)).toList());
        for (String line : lines) {
            Path file = out.resolve(line.substring(66));
            assertEquals(Hashes.sha256Hex(Files.readAllBytes(file)), line.substring(0, 64));
        }
        assertEquals("1/4 analysis os-sex\n2/4 figure os-sex\n3/4 report.html\n"
                + "4/4 report.csv\n", r.err());
        try (var left = Files.list(out)) {
            assertEquals(3, left.count(), "no temporary file left behind");
        }
    }

    @Test
    @DisplayName("a bad spec or cohort file exits 2 naming the problem; a report the cohort "
            + "cannot give exits 1")
    void failures() throws Exception {
        Path lung = SharedReference.file("lung.csv");
        Path badSpec = Files.writeString(work.resolve("bad.json"), "{\"cohort\": \"lung\", "
                + "\"outputs\": [\"docx\"]}");
        Run bad = run("report", "--spec", badSpec.toString(), "--cohort", lung.toString(),
                "--out", work.resolve("o1").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("outputs[0]: expected html, pdf, png, svg, csv or json, "
                + "got 'docx'"), bad.err());

        Path spec = Files.writeString(work.resolve("lipi.json"), "{\"cohort\": \"lung\", "
                + "\"stratifiers\": [\"lipi\"]}");
        Run noLipi = run("report", "--spec", spec.toString(), "--cohort", lung.toString(),
                "--out", work.resolve("o2").toString(), "--quiet");
        assertEquals(1, noLipi.exit());
        assertTrue(noLipi.err().startsWith("the report cannot be made: os-lipi: "), noLipi.err());
        assertTrue(!Files.exists(work.resolve("o2")), "nothing written");

        Path broken = Files.writeString(work.resolve("broken.csv"),
                "patient_id,os_months,os_event\na,-1,1\n", StandardCharsets.UTF_8);
        Run rejected = run("report", "--spec", spec.toString(), "--cohort", broken.toString(),
                "--out", work.resolve("o3").toString());
        assertEquals(2, rejected.exit());
        assertTrue(rejected.err().contains("row 2, column os_months"), rejected.err());

        Run usage = run("report", "--spec", spec.toString());
        assertEquals(2, usage.exit());
        assertTrue(usage.err().contains("Missing required options"), usage.err());
    }
}
