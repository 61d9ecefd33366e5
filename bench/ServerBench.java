import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 3's server benchmark, the Java half: generates a large cohort with every TME column and
 * uploads it over HTTP (ingest: receive, parse, check, sha256, durable commit), printing the time
 * and the cohort id. bench/server-run.sh then times the queries with curl and R on the same file.
 *
 * <pre>
 * java -cp CLASSPATH bench/ServerBench.java generate OUT.csv N SEED [continuous]
 * java -cp CLASSPATH bench/ServerBench.java parse FILE REPS
 * java -cp CLASSPATH bench/ServerBench.java run FILE PORT TOKEN [NAME [REPS]]
 * </pre>
 */
public final class ServerBench {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
                    args.length > 4 && args[4].equals("continuous"));
        } else if (args[0].equals("parse")) {
            parse(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            run(Path.of(args[1]), Integer.parseInt(args[2]), args[3],
                    args.length > 4 ? args[4] : "bench",
                    args.length > 5 ? Integer.parseInt(args[5]) : 1);
        }
    }

    /**
     * A seeded TME cohort, every TME column: times in months to 0.01 (so with ties), or to 15
     * significant digits ({@code continuous}: almost every time distinct, as R's write.csv).
     */
    static void generate(Path out, int n, long seed, boolean continuous) throws IOException {
        String time = continuous ? "%.15g" : "%.2f";
        SplittableRandom r = new SplittableRandom(seed);
        String[] arms = {"ICI", "ICI+LAT", "EGFR-TKI"};
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("patient_id,arm,disease_state,pfs_months,pfs_event,os_months,os_event,"
                    + "pdl1_tps,cd8_til,neutrophils,lymphocytes,leukocytes,ldh,ldh_uln,"
                    + "akkermansia,shannon,antibiotics_30d\n");
            for (int i = 0; i < n; i++) {
                double neutrophils = 2 + 6 * r.nextDouble();
                double lymphocytes = 0.5 + 2 * r.nextDouble();
                double leukocytes = neutrophils + lymphocytes + 0.5 + r.nextDouble();
                int ldh = 120 + r.nextInt(300);
                double dnlr = neutrophils / (leukocytes - neutrophils);
                double rate = Math.log(2) / 12 * (dnlr >= 3 ? 1.8 : 1) * (ldh > 250 ? 1.5 : 1);
                double os = -Math.log(1 - r.nextDouble()) / rate;
                double pfs = Math.min(os, -Math.log(1 - r.nextDouble()) / (2.5 * rate));
                double followUp = 12 + 36 * r.nextDouble();
                w.write(String.format(Locale.ROOT,
                        "P%07d,%s,%s," + time + ",%d," + time
                                + ",%d,%d,%.1f,%.2f,%.2f,%.2f,%d,250,%d,%.2f,%d%n",
                        i, arms[r.nextInt(3)], r.nextBoolean() ? "OMD" : "OPD",
                        Math.min(pfs, followUp), pfs <= followUp ? 1 : 0, Math.min(os, followUp),
                        os <= followUp ? 1 : 0, r.nextInt(101), 500 * r.nextDouble(), neutrophils,
                        lymphocytes, leukocytes, ldh, r.nextInt(2), 5 * r.nextDouble(),
                        r.nextInt(2)));
            }
        }
    }

    /**
     * Reading the file into the cohort's columns in this process, as R's read.csv and fread read
     * it into a data frame: the like-for-like comparison (median of REPS after one warm-up).
     */
    static void parse(Path file, int reps) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        io.oncosurv.cohort.CohortReader.read(bytes, ',');
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            System.gc();
            long t = System.nanoTime();
            io.oncosurv.cohort.Cohort cohort = io.oncosurv.cohort.CohortReader.read(bytes, ',');
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (cohort.patients() == 0) {
                throw new IllegalStateException("no patients");
            }
        }
        java.util.Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "parse into columns (CohortReader, in process): median "
                + "%.0f ms (min %.0f, max %.0f, %d runs)%n", ms[reps / 2], ms[0], ms[reps - 1],
                reps);
    }

    /**
     * Uploads FILE REPS times, under NAME, NAME-2, ... (a new name each time: a new version,
     * really stored), printing each time, then the median and minimum of more than one.
     */
    static void run(Path file, int port, String token, String name, int reps) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        byte[] bytes = Files.readAllBytes(file);
        double[] times = new double[reps];
        String id = null;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/cohorts?name=" + name + (i == 0 ? "" : "-" + (i + 1))))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    HttpResponse.BodyHandlers.ofString());
            times[i] = ms(t0);
            if (created.statusCode() != 201) {
                throw new IllegalStateException("upload: " + created.statusCode() + " "
                        + created.body());
            }
            id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            System.out.printf(Locale.ROOT, "ingest (HTTP upload of %d MB, parse, check, store) "
                    + "%.0f ms%n", bytes.length >> 20, times[i]);
        }
        if (reps > 1) {
            java.util.Arrays.sort(times);
            System.out.printf(Locale.ROOT, "ingest: median %.0f ms (min %.0f, max %.0f, %d "
                    + "runs)%n", times[reps / 2], times[0], times[reps - 1], reps);
        }
        System.out.println("cohort id " + id);
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

}
