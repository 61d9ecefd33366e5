import io.oncosurv.cohort.CohortReader;
import io.oncosurv.store.AuditLog;
import io.oncosurv.store.CohortStore;
import io.oncosurv.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 15's benchmark: how long a server takes to answer again after a kill -9 on a large
 * store. bench/reopen-run.sh builds the store and runs this.
 *
 * <pre>
 * java -cp CLASSPATH bench/ReopenBench.java build DATA COHORTS TOTAL_MB SEED SAMPLE.csv
 * java -cp CLASSPATH bench/ReopenBench.java reopen DATA REPS PORT HEAP
 * </pre>
 *
 * {@code build} writes the cohorts as an upload does (CohortReader, then CohortStore.put, then
 * the audit line), each cohort the sample's rows repeated under new patient ids, its size drawn
 * between a fifth and nine fifths of the mean. {@code reopen} REPS times: starts the server
 * (io.oncosurv.server.Main, a process of its own) on DATA, waits for UP, uploads small cohorts
 * from 4 threads for 2 s, kills it with SIGKILL mid-upload, starts it again and times, from the
 * moment the new process is started, the first HTTP answer of {@code /health} and its first
 * 200; then prints the startup phases the server logged.
 */
public final class ReopenBench {

    private static final String TOKEN = "bench";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("build")) {
            build(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]) << 20,
                    Long.parseLong(args[4]), Path.of(args[5]));
        } else {
            reopen(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args[4]);
        }
    }

    static void build(Path data, int cohorts, long totalBytes, long seed, Path sample)
            throws Exception {
        List<String> lines = Files.readAllLines(sample, StandardCharsets.UTF_8);
        String header = lines.get(0);
        List<String> rows = lines.subList(1, lines.size());
        long rowBytes = rows.stream().mapToLong(r -> r.length() + 12).sum() / rows.size();
        SplittableRandom random = new SplittableRandom(seed);
        long mean = totalBytes / cohorts;
        long written = 0;
        long start = System.nanoTime();
        Files.createDirectories(data);
        try (Database database = Database.open(data)) {
            CohortStore store = new CohortStore(database, Clock.systemUTC());
            AuditLog audit = new AuditLog(database, Clock.systemUTC());
            for (int i = 1; i <= cohorts; i++) {
                long target = (long) (mean * (0.2 + 1.6 * random.nextDouble()));
                StringBuilder csv = new StringBuilder(header).append('\n');
                for (int r = 0; csv.length() < target; r++) {
                    String row = rows.get(r % rows.size());
                    // a new patient id per repeated row: "ICI-001" becomes "C0012R03-ICI-001"
                    csv.append(String.format("C%04dR%03d-", i, r / rows.size())).append(row)
                            .append('\n');
                }
                byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
                var stored = store.put(String.format("bench-%04d", i), bytes,
                        CohortReader.read(bytes, ','));
                audit.append("bench", "statistician", "cohort.upload", stored.cohort().id(),
                        "name " + stored.cohort().name() + ", version "
                        + stored.cohort().version() + ", sha256 " + stored.cohort().sha256());
                written += bytes.length;
                if (i % 100 == 0) {
                    System.out.printf("%d cohorts, %d MB of files, %.0f s%n", i, written >> 20,
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
        System.out.printf("built: %d cohorts, %d MB of cohort files; database file %d MB%n",
                cohorts, written >> 20, Files.size(data.resolve("oncosurv.mv.db")) >> 20);
    }

    static void reopen(Path data, int reps, int port, String heap) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Path logs = data.getParent();
        for (int rep = 1; rep <= reps; rep++) {
            Path firstLog = logs.resolve("reopen-" + rep + "-before-kill.log");
            Process server = start(data, port, heap, firstLog);
            Times first = untilUp(http, port, server, firstLog);
            System.out.printf("rep %d: started before the kill, UP after %.1f s%n", rep,
                    first.upMillis / 1000.0);
            int uploaded = uploadThenKill(http, port, server, rep);
            Path log = logs.resolve("reopen-" + rep + ".log");
            Process again = start(data, port, heap, log);
            Times times = untilUp(http, port, again, log);
            System.out.printf("rep %d: killed with SIGKILL during uploads (%d acknowledged); "
                    + "restarted: first /health answer %s, UP after %.1f s (server CPU by "
                    + "then %.1f s), store file %d MB; load average %s%n",
                    rep, uploaded, times.firstAnswerMillis < 0 ? "never before UP"
                            : String.format("after %.2f s (%s)", times.firstAnswerMillis / 1000.0,
                                    times.firstAnswer), times.upMillis / 1000.0,
                    times.cpuMillis / 1000.0, Files.size(data.resolve("oncosurv.mv.db")) >> 20,
                    Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
            for (String line : Files.readAllLines(log)) {
                if (line.contains("startup:")) {
                    System.out.println("    " + line.substring(line.indexOf("startup:")));
                }
            }
            again.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process start(Path data, int port, String heap, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-cp",
                System.getProperty("java.class.path"), "io.oncosurv.server.Main");
        builder.environment().put("ONCOSURV_PORT", Integer.toString(port));
        builder.environment().put("ONCOSURV_DATA", data.toString());
        builder.environment().put("ONCOSURV_ADMIN_TOKEN", TOKEN);
        builder.environment().put("ONCOSURV_COHORTS", "cohorts");
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** When /health first answered (any status) and when it first answered 200. */
    record Times(long firstAnswerMillis, String firstAnswer, long upMillis, long cpuMillis) {
    }

    private static Times untilUp(HttpClient http, int port, Process server, Path log)
            throws Exception {
        long start = System.nanoTime();
        long firstAnswer = -1;
        String first = null;
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                long at = (System.nanoTime() - start) / 1_000_000;
                if (r.statusCode() == 200) {
                    return new Times(firstAnswer, first, at, server.info().totalCpuDuration()
                            .map(Duration::toMillis).orElse(-1L));
                }
                if (firstAnswer < 0) {
                    firstAnswer = at;
                    first = r.statusCode() + " " + r.body();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not UP within 10 minutes");
    }

    /** Small uploads from 4 threads for 2 s, then SIGKILL while they go on. */
    private static int uploadThenKill(HttpClient http, int port, Process server, int rep)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        long run = System.currentTimeMillis(); // names new in every run of the bench
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    int i = sequence.incrementAndGet();
                    StringBuilder csv = new StringBuilder("patient_id,os_months,os_event\n");
                    for (int p = 0; p < 200; p++) {
                        csv.append("p").append(p).append(',').append((p * 7 + i) % 60 + 0.5)
                                .append(',').append(p % 3 == 0 ? 0 : 1).append('\n');
                    }
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/api/cohorts?name=kill-" + run
                                + "-" + rep + "-" + i)).header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "text/csv")
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            acknowledged.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        return; // the server is gone
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(2000);
        server.destroyForcibly(); // SIGKILL, while uploads are in flight
        server.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return acknowledged.get();
    }
}
