import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.report.AnalysisCache;
import io.oncosurv.report.Artefact;
import io.oncosurv.report.Hashes;
import io.oncosurv.report.ReportBuilder;
import io.oncosurv.report.ReportSpec;
import io.oncosurv.report.ReportSpecParser;
import io.oncosurv.report.Templates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Report benchmarks (bench/report-run.sh):
 *   inprocess SPEC COHORT REPS   the report built in one JVM REPS times (fresh analysis cache
 *                                each time: all the work), median; plus the first (cold) run
 *   concurrent PORT TOKEN SPEC N N reports submitted at once to a running server; wall time
 *                                until all are done, and how each ended
 */
public class ReportBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "inprocess" -> inProcess(Path.of(args[1]), Path.of(args[2]),
                    Integer.parseInt(args[3]));
            case "concurrent" -> concurrent(Integer.parseInt(args[1]), args[2],
                    Files.readString(Path.of(args[3])), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void inProcess(Path specFile, Path cohortFile, int reps) throws Exception {
        ReportSpec spec = ReportSpecParser.parse(Files.readString(specFile));
        byte[] bytes = Files.readAllBytes(cohortFile);
        Templates templates = new Templates();
        double[] ms = new double[reps + 1];
        List<Artefact> last = null;
        for (int i = 0; i <= reps; i++) {
            long t0 = System.nanoTime();
            Cohort cohort = CohortReader.read(bytes, (char) 0);
            last = new ReportBuilder(spec, cohort, Hashes.sha256Hex(bytes), templates).build(
                    StratifierSource.direct(cohort), new AnalysisCache(1024), (d, n, w) -> { });
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] warm = Arrays.copyOfRange(ms, 1, ms.length);
        Arrays.sort(warm);
        long size = last.stream().mapToLong(Artefact::size).sum();
        System.out.printf("artefacts %d (%d bytes)%n", last.size(), size);
        System.out.printf("cold %.1f%n", ms[0]);
        System.out.printf("warm %.1f (median of %d; min %.1f, max %.1f)%n",
                warm[warm.length / 2], reps, warm[0], warm[warm.length - 1]);
    }

    static void concurrent(int port, String token, String spec, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        long t0 = System.nanoTime();
        List<Future<String>> submitted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            submitted.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/api/reports"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(spec)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : submitted) {
            String body = f.get();
            int at = body.indexOf("\"id\":\"");
            if (at < 0) {
                System.out.println("refused: " + body);
                continue;
            }
            ids.add(body.substring(at + 6, body.indexOf('"', at + 6)));
        }
        Map<String, String> ended = new ConcurrentHashMap<>();
        while (ended.size() < ids.size()) {
            for (String id : ids) {
                if (ended.containsKey(id)) {
                    continue;
                }
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + port + "/api/reports/" + id)).header("Authorization", "Bearer "
                        + token).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\"status\":\"done\"") || body.contains("\"status\":\"failed\"")) {
                    ended.put(id, body.contains("\"status\":\"done\"") ? "done" : "failed");
                }
            }
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Integer> counts = new TreeMap<>();
        ended.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        System.out.printf("submitted %d, accepted %d, ended %s, wall %.2f s (%.2f s per report)%n",
                n, ids.size(), counts, seconds, seconds / n);
        pool.shutdownNow();
    }
}
