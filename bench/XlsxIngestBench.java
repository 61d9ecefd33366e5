import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Issue 20's target: an .xlsx of 100,000 rows ingested in under 5 s. Writes a seeded two-arm
 * trial of N patients (patient_id, arm, age, sex, pdl1_tps, nlr, ldh, ecog, pfs_months,
 * pfs_event, os_months, os_event) as bench/out/xlsx-ingest-N.xlsx (POI's streaming writer,
 * numbers as numeric cells, text as text, empty cells left out) and as the same CSV, then reads
 * the workbook through {@link CohortReader#read}, the call an upload makes (CohortWorker), and
 * the CSV the same way.
 *
 * <pre>
 *   java -cp target/classes:$(cat bench/out/cp.txt) bench/XlsxIngestBench.java 100000 7 42
 * </pre>
 *
 * Prints the first read in this JVM (cold: class loading and JIT included), then the median and
 * fastest of REPS reads after 2 warm-ups (a System.gc() before each, outside the timing), the
 * CSV's likewise, the heap's peak during one warm read, and checks that both give the same
 * cohort. Run it with -Xmx1g (or less) to see the heap it needs.
 */
public final class XlsxIngestBench {

    private static final int WARM_UPS = 2;
    private static volatile Object sink;

    private XlsxIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Path dir = Path.of("bench/out");
        Files.createDirectories(dir);
        Path csvFile = dir.resolve("xlsx-ingest-" + n + ".csv");
        Path xlsxFile = dir.resolve("xlsx-ingest-" + n + ".xlsx");
        long w0 = System.nanoTime();
        Object[][] rows = trial(n, seed);
        Files.write(csvFile, csv(rows));
        writeXlsx(rows, xlsxFile);
        rows = null; // not held while reading: the heap a read needs can be told (-Xmx)
        double writeS = (System.nanoTime() - w0) / 1e9;
        byte[] csv = Files.readAllBytes(csvFile);
        byte[] xlsx = Files.readAllBytes(xlsxFile);
        System.out.printf(Locale.ROOT, "n = %d; java %s, %d cores, max heap %d MB; wrote %s "
                + "(%.1f MB, unpacks to %.1f MB) and %s (%.1f MB) in %.1f s%n", n,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, xlsxFile, xlsx.length / 1e6,
                unpacked(xlsx) / 1e6, csvFile, csv.length / 1e6, writeS);

        long c0 = System.nanoTime();
        Cohort first;
        try {
            first = CohortReader.read(xlsx, (char) 0);
        } catch (CohortRejectedException e) {
            System.out.println("xlsx refused: " + e.getMessage() + " " + e.problems());
            return;
        }
        double coldMs = (System.nanoTime() - c0) / 1e6;
        same(CohortReader.read(csv, (char) 0), first);
        double osSum = 0; // the check value bench/xlsx_r.R prints too
        for (int p = 0; p < first.patients(); p++) {
            osSum += first.endpoint("os").orElseThrow().months(p);
        }
        int patients = first.patients();
        int columns = first.columns().size();
        first = null;

        double[] xlsxMs = time(xlsx, reps);
        long peak = peakHeapOfOneRead(xlsx);
        double[] csvMs = time(csv, reps);
        long csvPeak = peakHeapOfOneRead(csv);
        System.out.printf(Locale.ROOT, "xlsx: cold %.0f ms; warm median %.0f ms, fastest %.0f ms "
                + "of %d; heap peak during a read %d MB%n", coldMs, xlsxMs[reps / 2], xlsxMs[0],
                reps, peak >> 20);
        System.out.printf(Locale.ROOT, "csv:  warm median %.1f ms, fastest %.1f ms of %d; heap "
                + "peak during a read %d MB%n", csvMs[reps / 2], csvMs[0], reps, csvPeak >> 20);
        System.out.printf(Locale.ROOT, "xlsx / csv (medians) %.1f; target < 5000 ms: %s; same "
                + "cohort (%d patients, %d columns): yes; sum(os_months) %.6f%n",
                xlsxMs[reps / 2] / csvMs[reps / 2], xlsxMs[reps / 2] < 5000 && coldMs < 5000
                ? "met" : "NOT met", patients, columns, osSum);
    }

    private static double[] time(byte[] bytes, int reps) throws Exception {
        for (int i = 0; i < WARM_UPS; i++) {
            sink = CohortReader.read(bytes, (char) 0);
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            sink = null;
            System.gc();
            long t0 = System.nanoTime();
            sink = CohortReader.read(bytes, (char) 0);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** The sum of the heap pools' peaks during one read, from a collected heap. */
    private static long peakHeapOfOneRead(byte[] bytes) throws Exception {
        sink = null;
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        sink = CohortReader.read(bytes, (char) 0);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The workbook's and the CSV's cohorts agree, column by column, value by value. */
    private static void same(Cohort a, Cohort b) {
        check(a.columns().equals(b.columns()), "columns " + a.columns() + " / " + b.columns());
        check(a.patients() == b.patients(), "patients");
        for (int p = 0; p < a.patients(); p++) {
            check(a.patientId(p).equals(b.patientId(p)), "patient " + p);
        }
        for (String c : a.columns()) {
            check(a.isNumeric(c) == b.isNumeric(c), c + " numeric");
            for (int p = 0; p < a.patients(); p++) {
                if (a.isNumeric(c)) {
                    check(Double.doubleToLongBits(a.number(c, p)) == Double.doubleToLongBits(
                            b.number(c, p)), c + " row " + p);
                } else if (a.isText(c)) {
                    check(a.text(c, p).equals(b.text(c, p)), c + " row " + p);
                }
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("xlsx and csv differ: " + what);
        }
    }

    private static long unpacked(byte[] zip) throws Exception {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                for (int k = in.read(buffer); k > 0; k = in.read(buffer)) {
                    total += k;
                }
            }
        }
        return total;
    }

    private static final String[] HEADER = {"patient_id", "arm", "age", "sex", "pdl1_tps", "nlr",
        "ldh", "ecog", "pfs_months", "pfs_event", "os_months", "os_event"};

    /**
     * A seeded two-arm trial: exponential times (control median OS 12 months, PFS 6, HR 0.75),
     * ~30 % censored, times and NLR to 0.01; about 2 % of pdl1_tps and ldh missing (null).
     */
    static Object[][] trial(int n, long seed) {
        Random random = new Random(seed);
        Object[][] rows = new Object[n][];
        for (int i = 0; i < n; i++) {
            boolean treated = random.nextBoolean();
            double hr = treated ? 0.75 : 1;
            double censor = -Math.log(1 - random.nextDouble()) / (Math.log(2) / 12 * 0.43);
            double death = -Math.log(1 - random.nextDouble()) / (Math.log(2) / 12 * hr);
            double progression = Math.min(death, -Math.log(1 - random.nextDouble())
                    / (Math.log(2) / 6 * hr));
            double os = round2(Math.min(death, censor));
            double pfs = round2(Math.min(progression, censor));
            rows[i] = new Object[] {String.format(Locale.ROOT, "P%06d", i + 1),
                treated ? "experimental" : "control", (double) (40 + random.nextInt(50)),
                random.nextBoolean() ? "F" : "M",
                random.nextInt(50) == 0 ? null : (double) random.nextInt(101),
                round2(Math.exp(1 + 0.6 * random.nextGaussian())),
                random.nextInt(50) == 0 ? null : (double) (120 + random.nextInt(400)),
                (double) random.nextInt(3), pfs, progression <= censor ? 1.0 : 0.0, os,
                death <= censor ? 1.0 : 0.0};
        }
        return rows;
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    /** The CSV of the same rows: numbers as the shortest text that reads back to them. */
    static byte[] csv(Object[][] rows) {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    out.append(',');
                }
                Object v = row[c];
                if (v instanceof Double d) {
                    out.append(d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString());
                } else if (v != null) {
                    out.append(v);
                }
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * As Excel saves a sheet (text in the shared-strings table): SXSSF keeps 100 rows in memory
     * and streams the rest to a temporary file.
     */
    static void writeXlsx(Object[][] rows, Path file) throws Exception {
        SXSSFWorkbook book = new SXSSFWorkbook(null, 100, true, true);
        book.setZip64Mode(Zip64Mode.Never); // sizes in 32 bits, as Excel writes them
        Path part = file.resolveSibling(file.getFileName() + ".part"); // no half file if it fails
        try (OutputStream out = Files.newOutputStream(part)) {
            Sheet sheet = book.createSheet("cohort");
            Row head = sheet.createRow(0);
            for (int c = 0; c < HEADER.length; c++) {
                head.createCell(c).setCellValue(HEADER[c]);
            }
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof Double d) {
                        row.createCell(c).setCellValue(d);
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            book.write(out);
        } finally {
            book.dispose();
            book.close();
        }
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
