import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fresh survival queries (a random cut-off each, so no cache answers) against one or more nodes,
 * for bench/cluster-run.sh:
 *   generate OUT.csv N SEED                      a cohort of N patients
 *   upload PORT TOKEN FILE NAME                  prints the cohort id
 *   load PORTS TOKEN ID THREADS SECONDS          round robin over the nodes' ports (a,b,c)
 */
public class ClusterBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]),
                    Long.parseLong(args[3]));
            case "upload" -> upload(Integer.parseInt(args[1]), args[2], Path.of(args[3]),
                    args[4]);
            case "load" -> load(Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt)
                    .toArray(), args[2], args[3], Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void generate(Path out, int n, long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("patient_id,os_months,os_event,age,arm\n");
        for (int i = 0; i < n; i++) {
            double t = Math.round(-Math.log(r.nextDouble()) * 18 * 100) / 100.0;
            csv.append('p').append(i).append(',').append(t).append(',')
                    .append(r.nextDouble() < 0.7 ? 1 : 0).append(',').append(40 + r.nextInt(45))
                    .append(',').append(r.nextBoolean() ? "ICI" : "ICI+LAT").append('\n');
        }
        Files.writeString(out, csv);
    }

    static void upload(int port, String token, Path file, String name) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/cohorts?name=" + name))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"id\":\"");
        System.out.println(body.substring(at + 6, body.indexOf('"', at + 6)));
    }

    static void load(int[] ports, String token, String id, int threads, int seconds)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> perThread = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long[] errors = new long[1];
        for (int t = 0; t < threads; t++) {
            long[] lat = new long[1_000_000];
            perThread.add(lat);
            int seed = t;
            Thread w = new Thread(() -> {
                Random r = new Random(seed);
                int n = 0;
                while (running.get()) {
                    int port = ports[(n + seed) % ports.length];
                    double cut = 45 + r.nextInt(35000) / 1000.0; // fresh: misses every cache
                    long t0 = System.nanoTime();
                    try {
                        int status = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/api/cohorts/" + id
                                        + "/survival?endpoint=os&by=age&cutoff=" + cut
                                        + "&landmarks=12")).header("Authorization", "Bearer "
                                                + token).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            synchronized (errors) {
                                errors[0]++;
                            }
                        }
                    } catch (Exception e) {
                        synchronized (errors) {
                            errors[0]++;
                        }
                    }
                    lat[n + 1 < lat.length ? ++n : n] = System.nanoTime() - t0;
                    lat[0] = n;
                }
            });
            workers.add(w);
            w.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread w : workers) {
            w.join();
        }
        List<Long> all = new ArrayList<>();
        for (long[] lat : perThread) {
            for (int i = 1; i <= lat[0]; i++) {
                all.add(lat[i]);
            }
        }
        all.sort(null);
        System.out.printf("nodes %d, threads %d: %d queries in %d s = %.1f q/s; p50 %.1f ms, "
                + "p99 %.1f ms; errors %d%n", ports.length, threads, all.size(), seconds,
                all.size() / (double) seconds, all.get(all.size() / 2) / 1e6,
                all.get((int) (all.size() * 0.99)) / 1e6, errors[0]);
    }
}
