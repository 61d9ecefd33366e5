import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node killed under load, for bench/failover-run.sh: fresh survival queries from THREADS
 * connections to one node for SECONDS; after KILL_AT seconds another node's process (PID) gets
 * SIGKILL. Prints the longest time without any answer after the kill, the slowest answer of the
 * queries in flight at the kill, and the errors.
 *   failover PORT TOKEN ID THREADS SECONDS PID KILL_AT
 */
public class FailoverBench {

    record Query(long start, long end, int status) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        String token = args[2];
        String id = args[3];
        int threads = Integer.parseInt(args[4]);
        long seconds = Long.parseLong(args[5]);
        long pid = Long.parseLong(args[6]);
        long killAt = Long.parseLong(args[7]) * 1000;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Query> done = new ArrayList<>();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread w = new Thread(() -> {
                Random r = new Random(seed);
                while (running.get()) {
                    double cut = 45 + r.nextInt(35000) / 1000.0; // fresh: misses every cache
                    long start = millis(t0);
                    int status;
                    try {
                        status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + port + "/api/cohorts/" + id + "/survival?endpoint=os&by=age"
                                + "&cutoff=" + cut + "&landmarks=12")).header("Authorization",
                                        "Bearer " + token).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    synchronized (done) {
                        done.add(new Query(start, millis(t0), status));
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        Thread.sleep(killAt);
        long killed = millis(t0);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
        System.out.println("killed at " + java.time.LocalTime.now());
        Thread.sleep(seconds * 1000 - killAt);
        running.set(false);
        for (Thread w : workers) {
            w.join();
        }
        List<Long> ends = done.stream().map(Query::end).sorted().toList();
        long gap = 0;
        long previous = killed;
        for (long end : ends) {
            if (end >= killed) {
                gap = Math.max(gap, end - previous);
                previous = end;
            }
        }
        long held = done.stream().filter(q -> q.start() < killed && q.end() >= killed)
                .mapToLong(q -> q.end() - killed).max().orElse(0);
        List<Long> before = done.stream().filter(q -> q.end() < killed)
                .map(q -> q.end() - q.start()).sorted().toList();
        System.out.println("statuses: " + done.stream().collect(java.util.stream.Collectors
                .groupingBy(Query::status, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())));
        System.out.printf("%d threads: %d queries (%d not 200); before the kill p50 %d ms, max "
                + "%d ms; after the kill at %.1f s: longest time without an answer %d ms, the "
                + "queries in flight at the kill all answered %d ms after it%n", threads,
                done.size(), done.stream().filter(q -> q.status() != 200).count(),
                before.get(before.size() / 2), before.get(before.size() - 1), killed / 1000.0,
                gap, held);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
