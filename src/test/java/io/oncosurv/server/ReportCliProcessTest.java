package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.report.Hashes;
import io.oncosurv.testsupport.SharedReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
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

    private CliRun run(String... args) throws Exception {
        return CliRun.of(work, args);
    }

    @Test
    @DisplayName("a YAML spec: exit 0, one 'sha256  name' line per file written, a line of "
            + "progress per step on stderr (no terminal)")
    void makesReport() throws Exception {
        Path spec = Files.writeString(work.resolve("spec.yaml"), String.join("\n",
                "cohort: lung", "stratifiers: [sex]", "outputs: [html, csv, png]", ""));
        Path out = work.resolve("out");
        CliRun r = run("report", "--spec", spec.toString(), "--cohort",
                SharedReference.file("lung.csv").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("os-sex.png", "report.html", "report.csv"), lines.stream()
                .map(l -> l.substring(66)).toList());
        for (String line : lines) {
            Path file = out.resolve(line.substring(66));
            assertEquals(Hashes.sha256Hex(Files.readAllBytes(file)), line.substring(0, 64));
        }
        String[] err = r.err().split("\n");
        assertEquals(List.of("1/4 analysis os-sex", "2/4 figure os-sex", "3/4 report.html",
                "4/4 report.csv"), List.of(err).subList(0, 4));
        // the summary: each file with its size, then the count, total, folder and time
        long total = 0;
        for (int i = 0; i < 3; i++) {
            String name = lines.get(i).substring(66);
            long size = Files.size(out.resolve(name));
            total += size;
            assertEquals("  " + name + " ".repeat(11 - name.length() + 2) + sizeText(size),
                    err[4 + i]);
        }
        assertTrue(err[7].matches("wrote 3 artefacts, " + java.util.regex.Pattern.quote(
                sizeText(total)) + ", to " + java.util.regex.Pattern.quote(out.toString())
                + " in \\d+\\.\\d s"), err[7]);
        assertEquals(8, err.length, r.err());
        try (var left = Files.list(out)) {
            assertEquals(3, left.count(), "no temporary file left behind");
        }
        // made as any new file is (666 less the umask): the group may read a report
        Set<PosixFilePermission> expected = PosixFilePermissions.fromString("rw-rw-rw-");
        expected.removeAll(masked(umask()));
        for (String line : lines) {
            assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(out.resolve(line.substring(66)))), line);
        }
    }

    @Test
    @DisplayName("under umask 022 the artefacts are rw-r--r-- (createTempFile made them 600)")
    void groupReadsUnderUmask022() throws Exception {
        Path spec = Files.writeString(work.resolve("spec.yaml"), String.join("\n",
                "cohort: lung", "outputs: [csv]", ""));
        Path out = work.resolve("out022");
        List<String> command = List.of("/bin/sh", "-c", "umask 022 && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "report", "--quiet",
                "--spec", spec.toString(), "--cohort",
                SharedReference.file("lung.csv").toString(), "--out", out.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("log022").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
        assertEquals(0, p.exitValue(), Files.readString(work.resolve("log022")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                out.resolve("report.csv"))));
    }

    /** As the CLI's summary prints a size (powers of 1000). */
    private static String sizeText(long bytes) {
        return bytes < 1000 ? bytes + " B" : bytes < 1_000_000
                ? String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static int umask() throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "umask").start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return Integer.parseInt(text.strip(), 8);
    }

    private static Set<PosixFilePermission> masked(int umask) {
        Set<PosixFilePermission> out = new java.util.HashSet<>();
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((umask & (1 << i)) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }

    @Test
    @DisplayName("a bad spec or cohort file exits 2 naming the problem; a report the cohort "
            + "cannot give exits 1")
    void failures() throws Exception {
        Path lung = SharedReference.file("lung.csv");
        Path badSpec = Files.writeString(work.resolve("bad.json"), "{\"cohort\": \"lung\", "
                + "\"outputs\": [\"rtf\"]}");
        CliRun bad = run("report", "--spec", badSpec.toString(), "--cohort", lung.toString(),
                "--out", work.resolve("o1").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("outputs[0]: expected html, pdf, docx, png, svg, csv or "
                + "json, got 'rtf'"), bad.err());

        Path spec = Files.writeString(work.resolve("lipi.json"), "{\"cohort\": \"lung\", "
                + "\"stratifiers\": [\"lipi\"]}");
        CliRun noLipi = run("report", "--spec", spec.toString(), "--cohort", lung.toString(),
                "--out", work.resolve("o2").toString(), "--quiet");
        assertEquals(1, noLipi.exit());
        assertTrue(noLipi.err().startsWith("the report cannot be made: os-lipi: "), noLipi.err());
        assertTrue(!Files.exists(work.resolve("o2")), "nothing written");

        Path broken = Files.writeString(work.resolve("broken.csv"),
                "patient_id,os_months,os_event\na,-1,1\n", StandardCharsets.UTF_8);
        CliRun rejected = run("report", "--spec", spec.toString(), "--cohort", broken.toString(),
                "--out", work.resolve("o3").toString());
        assertEquals(2, rejected.exit());
        assertTrue(rejected.err().contains("row 2, column os_months"), rejected.err());

        CliRun usage = run("report", "--spec", spec.toString());
        assertEquals(2, usage.exit());
        assertTrue(usage.err().contains("Missing required options"), usage.err());
    }
}
