import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A mixed workload on one or more clustered nodes, for bench/mixed-cluster-run.sh. CONNECTIONS
 * closed-loop clients (one request in flight each, no think time) pick a kind by the mix and send
 * it to the nodes in turn: survival and Cox queries, fresh (a random cut-off: no cache has it) or
 * cached (one fixed query), the TME panel (the whole cohort, or one of 108 subsets), and the
 * Kaplan-Meier PNG, fresh or cached; beside them REPORTS clients each submit a small report spec
 * (a random cut-off, HTML and PNG) and follow its events to the end. After WARMUP seconds (JIT,
 * every node's cache) the next SECONDS are measured: per kind and in total, requests/s, median and
 * p95 latency, answers other than 200 (a report: not done), the cache hits (X-OncoSurv-Cache), and
 * the share each node computed (X-OncoSurv-Node; for a report, its runner); and the CPU time
 * each node, this client and the rest of the machine used in the window (/proc), since on a
 * shared machine the nodes' CPU per request says more than a throughput.
 *
 * <pre>
 * load PORTS PIDS TOKEN ID CONNECTIONS REPORTS WARMUP SECONDS SUMMARY [MIX]
 *      the nodes' HTTP ports and process ids (a,b,c); appends a line to the SUMMARY file; MIX
 *      e.g. survival-fresh:20,panel:10 (weights, default below)
 * summary FILE                                                           the runs side by side
 * </pre>
 *
 * The client is the JDK's HttpClient over HTTP/1.1 (as LoadBench and ClusterBench), so
 * CONNECTIONS is the number of connections in use.
 */
public final class MixedClusterBench {

    /** Query kinds and their default weights (of the CONNECTIONS clients' picks). */
    static final Map<String, Integer> MIX = new LinkedHashMap<>();

    static {
        MIX.put("survival-fresh", 20);
        MIX.put("survival-cached", 20);
        MIX.put("cox-fresh", 10);
        MIX.put("cox-cached", 10);
        MIX.put("panel", 15);
        MIX.put("figure-fresh", 10);
        MIX.put("figure-cached", 15);
    }

    static final String REPORT = "report";
    static final int FAILED = -1; // a transport error, a timeout, or a report that failed

    /** One finished request (or report job), stamped with this process's clock. */
    record Sample(String kind, int status, long start, long end, String node, boolean hit,
            String detail) {
        double ms() {
            return (end - start) / 1e6;
        }
    }

    final int[] ports;
    final int[] pids;
    final String token;
    final String cohort;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final Map<String, Sample> firstError = new ConcurrentHashMap<>();

    MixedClusterBench(int[] ports, int[] pids, String token, String cohort) {
        this.ports = ports;
        this.pids = pids;
        this.token = token;
        this.cohort = cohort;
    }

    static int[] numbers(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "load" -> {
                if (args.length > 10 && !args[10].isBlank()) {
                    MIX.clear();
                    for (String part : args[10].split(",")) {
                        String[] kv = part.split(":");
                        MIX.put(kv[0], Integer.parseInt(kv[1]));
                    }
                }
                new MixedClusterBench(numbers(args[1]), numbers(args[2]), args[3], args[4])
                        .load(Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                                Integer.parseInt(args[7]), Integer.parseInt(args[8]),
                                Path.of(args[9]));
            }
            case "summary" -> summary(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    void load(int connections, int reports, int warmup, int seconds, Path summary)
            throws Exception {
        check();
        List<Sample> all = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        long from = t0 + warmup * 1_000_000_000L;
        long until = from + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections + reports; i++) {
            int client = i;
            boolean reporter = i >= connections;
            Thread t = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(7_000_003L * client + 11);
                for (int n = client; System.nanoTime() < until; n++) {
                    int port = ports[n % ports.length];
                    Sample s = reporter ? report(port, r) : query(port, pick(r), r);
                    if (s.end() >= from && s.end() < until) {
                        all.add(s); // those that ended in the measured window
                    }
                }
            }, (reporter ? "report-" : "query-") + i);
            threads.add(t);
            t.start();
        }
        Thread.sleep(Math.max(0, (from - System.nanoTime()) / 1_000_000));
        double[] cpu0 = cpuSeconds();
        double[][] jit0 = jit();
        Thread.sleep(Math.max(0, (until - System.nanoTime()) / 1_000_000));
        double[] cpu = cpuSeconds();
        double[][] jit = jit();
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] -= cpu0[i];
        }
        for (Thread t : threads) {
            t.join();
        }
        print(all, seconds, connections, reports, warmup, summary, cpu);
        List<String> compiled = new ArrayList<>();
        for (int i = 0; i < pids.length; i++) {
            compiled.add(String.format(Locale.ROOT, "node%d %.0f methods, %.1f s", i,
                    jit[i][0] - jit0[i][0], jit[i][1] - jit0[i][1]));
        }
        System.out.println("JIT compilations in the window (jstat -compiler: methods, time): "
                + String.join("; ", compiled) + ".");
    }

    /** Each node's JIT so far: methods compiled and the time spent ({@code jstat -compiler}). */
    double[][] jit() throws IOException, InterruptedException {
        double[][] jit = new double[pids.length][];
        for (int i = 0; i < pids.length; i++) {
            Process p = new ProcessBuilder("jstat", "-compiler", Integer.toString(pids[i]))
                    .redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8).lines().toList();
            p.waitFor();
            String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
            jit[i] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[3])};
        }
        return jit;
    }

    /** CPU seconds so far: each node, this client, then the whole machine (all but idle). */
    double[] cpuSeconds() throws IOException {
        double[] cpu = new double[pids.length + 2];
        for (int i = 0; i < pids.length; i++) {
            String stat = Files.readString(Path.of("/proc/" + pids[i] + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            cpu[i] = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime
        }
        cpu[pids.length] = ((com.sun.management.OperatingSystemMXBean) java.lang.management
                .ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i <= 8; i++) { // user nice system idle iowait irq softirq steal
            busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
        }
        cpu[pids.length + 1] = busy / 100.0;
        return cpu;
    }

    /** One of each kind before the load: the benchmark's own requests must answer 200. */
    void check() {
        SplittableRandom r = new SplittableRandom(1);
        for (String kind : MIX.keySet()) {
            for (int port : ports) {
                Sample s = query(port, kind, r);
                if (s.status() != 200) {
                    throw new IllegalStateException("check failed: " + kind + " on port " + port
                            + ": " + s.status() + " " + s.detail());
                }
            }
        }
        Sample s = report(ports[0], r);
        if (s.status() != 200) {
            throw new IllegalStateException("check failed: report: " + s.detail());
        }
    }

    static String pick(SplittableRandom r) {
        int total = MIX.values().stream().mapToInt(Integer::intValue).sum();
        int x = r.nextInt(total);
        for (Map.Entry<String, Integer> e : MIX.entrySet()) {
            x -= e.getValue();
            if (x < 0) {
                return e.getKey();
            }
        }
        throw new AssertionError();
    }

    /** The path and query of a request of {@code kind}; fresh ones draw a cut-off. */
    String path(String kind, SplittableRandom r) {
        String api = "/api/cohorts/" + cohort;
        String cut = String.format(Locale.ROOT, "%.3f", 60 + r.nextInt(300_000) / 1000.0);
        return switch (kind) {
            case "survival-fresh" -> api + "/survival?endpoint=os&by=cd8&cutoff=" + cut;
            case "survival-cached" -> api + "/survival?endpoint=os&by=lipi";
            case "cox-fresh" -> api + "/cox?endpoint=os&terms=cd8,lipi&cutoff=" + cut;
            case "cox-cached" -> api + "/cox?endpoint=pfs&terms=lipi,pdl1";
            case "panel" -> api + "/panel?" + panelQuery(r);
            case "figure-fresh" -> api + "/plot.png?endpoint=os&by=cd8&cutoff=" + cut;
            case "figure-cached" -> api + "/plot.png?endpoint=os&by=lipi";
            default -> throw new IllegalArgumentException("no kind " + kind);
        };
    }

    /** The whole cohort half the time, else one of 108 subsets (computed once per node). */
    static String panelQuery(SplittableRandom r) {
        if (r.nextBoolean()) {
            return "endpoints=pfs,os";
        }
        String[] endpoints = {"pfs,os", "os", "pfs"};
        String[] arms = {null, "ICI", "ICI+LAT", "EGFR-TKI"};
        String[] flags = {null, "no", "yes"}; // the stratifiers' labels
        StringBuilder q = new StringBuilder("endpoints=" + endpoints[r.nextInt(3)]);
        String arm = arms[r.nextInt(4)];
        String akkermansia = flags[r.nextInt(3)];
        String antibiotics = flags[r.nextInt(3)];
        if (arm != null) {
            q.append("&subset=").append(URLEncoder.encode("arm:" + arm, StandardCharsets.UTF_8));
        }
        if (akkermansia != null) {
            q.append("&subset=akkermansia:").append(akkermansia);
        }
        if (antibiotics != null) {
            q.append("&subset=antibiotics:").append(antibiotics);
        }
        return q.toString();
    }

    Sample query(int port, String kind, SplittableRandom r) {
        String path = path(kind, r);
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = http.send(get(port, path).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String node = answer.headers().firstValue("X-OncoSurv-Node").orElse("?");
            boolean hit = answer.headers().firstValue("X-OncoSurv-Cache").orElse("")
                    .equals("hit");
            String detail = answer.statusCode() == 200 ? "" : path + " -> "
                    + new String(answer.body(), StandardCharsets.UTF_8);
            return remember(new Sample(kind, answer.statusCode(), start, System.nanoTime(),
                    node, hit, detail));
        } catch (IOException | InterruptedException e) {
            return remember(new Sample(kind, FAILED, start, System.nanoTime(), "?", false,
                    path + " -> " + e));
        }
    }

    /** Submits a small spec, follows its events to done (or failed), reads its runner. */
    Sample report(int port, SplittableRandom r) {
        String spec = String.format(Locale.ROOT, "{\"cohort\": \"%s\", \"title\": \"bench\", "
                + "\"endpoints\": [\"os\"], \"stratifiers\": [\"lipi\", {\"name\": \"cd8\", "
                + "\"cutoff\": %.3f}], \"outputs\": [\"html\", \"png\"]}", cohort,
                60 + r.nextInt(300_000) / 1000.0);
        long start = System.nanoTime();
        try {
            HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(uri(port,
                    "/api/reports")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(spec)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (submitted.statusCode() != 202) {
                return remember(new Sample(REPORT, submitted.statusCode(), start,
                        System.nanoTime(), "?", false, "submit -> " + submitted.body()));
            }
            String id = field(submitted.body(), "id");
            String ended = follow(port, id);
            String state = http.send(get(port, "/api/reports/" + id).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String runner = field(state, "runner");
            return remember(new Sample(REPORT, ended.equals("done") ? 200 : FAILED, start,
                    System.nanoTime(), runner == null ? "?" : runner, false,
                    ended.equals("done") ? "" : "report " + id + " " + ended + ": " + state));
        } catch (IOException | InterruptedException | UncheckedIOException e) {
            return remember(new Sample(REPORT, FAILED, start, System.nanoTime(), "?", false,
                    "report -> " + e));
        }
    }

    /** Reads the job's server-sent events until it has ended: "done", "failed" or "closed". */
    String follow(int port, String id) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> events = http.send(get(port, "/api/reports/" + id
                + "/events").timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = events.body()) {
            String event = "";
            for (Iterator<String> it = lines.iterator(); it.hasNext();) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    if (event.equals("done") || event.equals("failed")) {
                        return event;
                    }
                    if (event.equals("status")) { // the state when we began to follow
                        String status = field(line, "status");
                        if ("done".equals(status) || "failed".equals(status)) {
                            return status;
                        }
                    }
                }
            }
        }
        return "closed";
    }

    /** A string field of flat JSON, or null. */
    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            return null;
        }
        at += name.length() + 4;
        return json.substring(at, json.indexOf('"', at));
    }

    Sample remember(Sample s) {
        if (s.status() != 200) {
            firstError.putIfAbsent(s.kind() + " " + s.status(), s);
        }
        return s;
    }

    URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpRequest.Builder get(int port, String path) {
        return HttpRequest.newBuilder(uri(port, path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET();
    }

    void print(List<Sample> all, int seconds, int connections, int reports, int warmup,
            Path summary, double[] cpu) throws IOException {
        TreeSet<String> nodes = new TreeSet<>();
        all.forEach(s -> nodes.add(s.node()));
        System.out.printf(Locale.ROOT, "%d node(s), %d query connections + %d report clients, "
                + "%d s measured after %d s of warm-up; mix %s%n%n", ports.length, connections,
                reports, seconds, warmup, MIX);
        System.out.println("| kind | requests | req/s | p50 ms | p95 ms | not 200 | cache hits | "
                + "computed by " + String.join(" / ", nodes) + " |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        Map<String, List<Sample>> byKind = new LinkedHashMap<>();
        MIX.keySet().forEach(k -> byKind.put(k, new ArrayList<>()));
        byKind.put(REPORT, new ArrayList<>());
        all.forEach(s -> byKind.get(s.kind()).add(s));
        byKind.forEach((kind, samples) -> System.out.println(row(kind, samples, seconds, nodes)));
        List<Sample> queries = all.stream().filter(s -> !s.kind().equals(REPORT)).toList();
        System.out.println(row("**all queries**", queries, seconds, nodes));
        System.out.println(row("**all**", all, seconds, nodes));
        if (firstError.isEmpty()) {
            System.out.println("\nNo answer other than 200 (warm-up included).");
        } else {
            System.out.println("\nNot 200 (warm-up included), the first of each kind:");
            firstError.values().forEach(s -> System.out.println("- " + s.kind() + " "
                    + s.status() + ": " + s.detail().substring(0, Math.min(300,
                            s.detail().length()))));
        }
        double nodesCpu = Arrays.stream(cpu, 0, pids.length).sum();
        List<String> perNode = new ArrayList<>();
        for (int i = 0; i < pids.length; i++) {
            perNode.add(String.format(Locale.ROOT, "node%d %.1f", i, cpu[i]));
        }
        System.out.printf(Locale.ROOT, "%nCPU in the %d s measured (of %d cores x %d s = %d s): "
                + "%s s; this client %.1f s; other processes %.1f s. The nodes' CPU per request: "
                + "%.1f ms.%n", seconds, Runtime.getRuntime().availableProcessors(), seconds,
                Runtime.getRuntime().availableProcessors() * seconds, String.join(", ",
                        perNode), cpu[pids.length], Math.max(0, cpu[pids.length + 1] - nodesCpu
                                - cpu[pids.length]), 1000 * nodesCpu / Math.max(1, all.size()));
        double[] ms = sorted(all);
        String line = String.format(Locale.ROOT, "%d\t%.1f\t%.1f\t%s\t%s\t%d\t%s\t%s\t%.1f"
                + "\t%.2f\t%.2f%n",
                ports.length, all.size() / (double) seconds, queries.size() / (double) seconds,
                pct(ms, 0.5), pct(ms, 0.95), all.stream().filter(s -> s.status() != 200).count(),
                shares(all, nodes), shares(byKind.get(REPORT), nodes).isEmpty() ? "-"
                        : byKind.get(REPORT).size() + " (" + shares(byKind.get(REPORT), nodes)
                                + ")", 1000 * nodesCpu / Math.max(1, all.size()),
                nodesCpu / seconds, Math.max(0, cpu[pids.length + 1] - nodesCpu
                        - cpu[pids.length]) / seconds);
        Files.writeString(summary, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String row(String label, List<Sample> samples, int seconds, TreeSet<String> nodes) {
        double[] ms = sorted(samples);
        long hits = samples.stream().filter(Sample::hit).count();
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %s | %d | %s | %s |", label,
                samples.size(), samples.size() / (double) seconds, pct(ms, 0.5), pct(ms, 0.95),
                samples.stream().filter(s -> s.status() != 200).count(), label.equals(REPORT)
                        ? "" : samples.isEmpty() ? "" : String.format(Locale.ROOT, "%.0f %%",
                                100.0 * hits / samples.size()), shares(samples, nodes));
    }

    /** The share of {@code samples} each node computed, in percent, in the nodes' order. */
    static String shares(List<Sample> samples, TreeSet<String> nodes) {
        if (samples.isEmpty()) {
            return "";
        }
        Map<String, Long> count = new TreeMap<>();
        samples.forEach(s -> count.merge(s.node(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        for (String node : nodes) {
            parts.add(String.format(Locale.ROOT, "%.0f", 100.0 * count.getOrDefault(node, 0L)
                    / samples.size()));
        }
        return String.join(" / ", parts) + " %";
    }

    static double[] sorted(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::ms).sorted().toArray();
    }

    /** Nearest-rank percentile of sorted values. */
    static String pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return "";
        }
        double v = sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        return String.format(Locale.ROOT, v < 10 ? "%.1f" : "%.0f", v);
    }

    /** The runs of one script side by side, with the throughput against one node. */
    static void summary(Path file) throws IOException {
        List<String[]> runs = Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t")).toList();
        System.out.println("| nodes | req/s | vs 1 node | queries/s | p50 ms | p95 ms | not 200 "
                + "| share computed per node | reports done (share per runner node) | nodes' "
                + "CPU ms per request | cores used by the nodes / by other processes |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: "
                + "| ---: |");
        double one = runs.stream().filter(f -> f[0].equals("1")).mapToDouble(
                f -> Double.parseDouble(f[1])).findFirst().orElse(Double.NaN);
        for (String[] f : runs) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | "
                    + "%s / %s |%n", f[0], f[1], Double.isNaN(one) ? "" : String.format(
                            Locale.ROOT, "%.2f", Double.parseDouble(f[1]) / one), f[2], f[3],
                    f[4], f[5], f[6], f[7], f[8], f[9], f[10]);
        }
    }
}
