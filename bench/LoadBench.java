import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 7's overload benchmark, the client (bench/load-run.sh starts the server and runs this).
 * CONNECTIONS client threads each keep one request in flight on their own HTTP/1.1 connection
 * for SECONDS (a closed loop with no think time: as much load as the server will take), with a
 * mix of cached survival queries, fresh analyses, plots, HTML pages and uploads. Then it prints,
 * per request type and overall, the count, throughput, latency percentiles and status codes, every
 * error with its body, a timeline, and the server JVM's heap (sampled with jstat during the run,
 * read from its GC log, and measured after a full GC at the end).
 *
 * <pre>
 * java bench/LoadBench.java port=18094 token=bench pid=SERVER_PID [connections=200]
 *     [seconds=60] [timeout=30] [gclog=FILE] [seed=7] [xmx=512m (as the server was started)]
 *     [mix=cached:40,fresh:20,plot:15,page:15,upload:10]   (percentages adding up to 100)
 * java bench/LoadBench.java gclog=FILE from=UPTIME to=UPTIME   (re-reads a kept GC log)
 * </pre>
 *
 * The client is the JDK's java.net.http.HttpClient: no dependency beyond the JDK (the server's
 * runtime classpath has no Vert.x WebClient), and a blocking send per thread makes "200
 * connections" literal: at most one request in flight per thread, so at most CONNECTIONS
 * connections, each reused by its thread. HTTP/1.1 is forced, otherwise the client would offer
 * h2c and could multiplex everything over one connection.
 */
public final class LoadBench {

    /** The request types and their share of requests, in percent. */
    static final Map<String, Integer> MIX = new LinkedHashMap<>();

    static {
        MIX.put("cached", 40);
        MIX.put("fresh", 20);
        MIX.put("plot", 15);
        MIX.put("page", 15);
        MIX.put("upload", 10);
    }

    static final int TIMEOUT = -1;
    static final int IO_ERROR = -2;

    /** One finished request: what, how it ended (an HTTP status, TIMEOUT or IO_ERROR), when. */
    record Sample(String type, String variant, int status, long startNanos, long endNanos,
            boolean retryAfter) {
        double ms() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    /** A request to make: its type, a label of its variant, and the request itself. */
    record Planned(String type, String variant, HttpRequest request) {
    }

    /** The first example and the count of one kind of error. */
    static final class ErrorKind {
        final String example;
        final LongAdder count = new LongAdder();

        ErrorKind(String example) {
            this.example = example;
        }
    }

    final String base;
    final String token;
    final int connections;
    final int seconds;
    final Duration timeout;
    final long pid;
    final Path gcLog;
    final long seed;
    final String xmx;
    final HttpClient http;
    final AtomicInteger uploads = new AtomicInteger();
    final Map<String, ErrorKind> errors = new ConcurrentHashMap<>();
    String ici;
    String egfr;

    LoadBench(Map<String, String> a) {
        base = "http://127.0.0.1:" + a.get("port");
        token = a.get("token");
        connections = Integer.parseInt(a.getOrDefault("connections", "200"));
        seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
        timeout = Duration.ofSeconds(Long.parseLong(a.getOrDefault("timeout", "30")));
        pid = Long.parseLong(a.get("pid"));
        gcLog = a.containsKey("gclog") ? Path.of(a.get("gclog")) : null;
        seed = Long.parseLong(a.getOrDefault("seed", "7"));
        xmx = a.getOrDefault("xmx", "?");
        if (a.containsKey("mix") && !a.get("mix").isBlank()) { // e.g. cached:40,plot:60
            Map<String, Integer> mix = new LinkedHashMap<>();
            for (String part : a.get("mix").split(",")) {
                String[] kv = part.split(":");
                if (!MIX.containsKey(kv[0])) {
                    throw new IllegalArgumentException("no request type " + kv[0]);
                }
                mix.put(kv[0], Integer.parseInt(kv[1]));
            }
            if (mix.values().stream().mapToInt(Integer::intValue).sum() != 100) {
                throw new IllegalArgumentException("the mix must add up to 100: " + mix);
            }
            MIX.clear();
            MIX.putAll(mix);
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        if (!a.containsKey("port") && a.containsKey("gclog")) { // re-read a kept GC log
            GcLog.read(Path.of(a.get("gclog")), Double.parseDouble(a.get("from")),
                    Double.parseDouble(a.get("to"))).print();
            return;
        }
        new LoadBench(a).run();
    }

    void run() throws Exception {
        findCohorts();
        check();
        HeapSampler.Point before = fullGcHeap();
        HeapSampler heap = new HeapSampler(pid);
        heap.start();
        double serverCpu0 = serverCpuSeconds();
        double clientCpu0 = clientCpuSeconds();
        double machineCpu0 = machineBusySeconds();
        double uptime0 = serverUptime();
        List<List<Sample>> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        for (int i = 0; i < connections; i++) {
            List<Sample> mine = new ArrayList<>();
            perThread.add(mine);
            SplittableRandom random = new SplittableRandom(seed * 1_000_003 + i);
            Thread t = new Thread(() -> loop(random, deadline, mine), "load-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long end = System.nanoTime();
        double serverCpu = serverCpuSeconds() - serverCpu0;
        double clientCpu = clientCpuSeconds() - clientCpu0;
        double machineCpu = machineBusySeconds() - machineCpu0;
        double uptime1 = serverUptime();
        heap.stop();
        List<Sample> all = new ArrayList<>();
        perThread.forEach(all::addAll);

        // After the load: is the server answering at once, or still working off abandoned
        // requests? One request of each type, one after the other, with a long timeout.
        List<String> after = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (String type : MIX.keySet()) {
            Planned p = plan(type, random);
            long t0 = System.nanoTime();
            String outcome = send(p, Duration.ofSeconds(300)).statusText();
            after.add(String.format(Locale.ROOT, "%s %s in %.0f ms", type, outcome,
                    (System.nanoTime() - t0) / 1e6));
        }

        HeapSampler.Point finalHeap = fullGcHeap();
        GcLog gc = gcLog == null ? null : GcLog.read(gcLog, uptime0, uptime1);
        report(all, start, deadline, end, heap, gc, before, finalHeap, after);
        System.out.printf(Locale.ROOT, "%nCPU during the load: server %.1f s, this client %.1f s, "
                + "other processes %.1f s, of %.1f s x %d cores.%n", serverCpu, clientCpu,
                Math.max(0, machineCpu - serverCpu - clientCpu), (end - start) / 1e9,
                Runtime.getRuntime().availableProcessors());
    }

    /** CPU time the whole machine spent busy so far (/proc/stat: all but idle and iowait). */
    static double machineBusySeconds() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i <= 8; i++) { // user nice system idle iowait irq softirq steal
            busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
        }
        return busy / 100.0;
    }

    /** The server's user + system CPU time so far, from /proc (clock ticks of 1/100 s). */
    double serverCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    static double clientCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** The two synthetic sample cohorts (they have every TME column). */
    void findCohorts() throws Exception {
        String body = http.send(get("/api/cohorts").build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"name\":\"([^\"]+)\"").matcher(body);
        while (m.find()) {
            if (m.group(2).equals("synthetic-ici-oligometastatic")) {
                ici = m.group(1);
            } else if (m.group(2).equals("synthetic-egfr-tki-oligoprogressive")) {
                egfr = m.group(1);
            }
        }
        if (ici == null || egfr == null) {
            throw new IllegalStateException("The sample cohorts are not loaded: " + body);
        }
    }

    /**
     * Ten requests of each type, one at a time, before the load: the benchmark's own requests
     * must be 2xx, or the run would measure our mistakes. This also puts the cached query in the
     * cache (and warms the server a little: the first seconds of the load are still JIT time).
     */
    void check() throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 10; i++) {
            for (String type : MIX.keySet()) {
                Planned p = plan(type, random);
                Outcome o = send(p, timeout);
                if (o.status < 200 || o.status > 299) {
                    throw new IllegalStateException("check failed: " + p.request().uri() + " -> "
                            + o.statusText() + " " + o.body);
                }
            }
        }
        errors.clear();
    }

    void loop(SplittableRandom random, long deadline, List<Sample> samples) {
        while (System.nanoTime() < deadline) {
            Planned p = plan(pickType(random), random);
            long t0 = System.nanoTime();
            Outcome o = send(p, timeout);
            samples.add(new Sample(p.type(), p.variant(), o.status, t0, System.nanoTime(),
                    o.retryAfter));
        }
    }

    static String pickType(SplittableRandom random) {
        int r = random.nextInt(100);
        for (Map.Entry<String, Integer> e : MIX.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new AssertionError();
    }

    /** A request of a type; the varying parameters are drawn so that the cache mostly misses. */
    Planned plan(String type, SplittableRandom r) {
        String cohort = r.nextBoolean() ? ici : egfr;
        String endpoint = r.nextBoolean() ? "os" : "pfs";
        String cutoff = String.format(Locale.ROOT, "%.1f", 60 + r.nextInt(2800) / 10.0);
        return switch (type) {
            case "cached" -> new Planned(type, "survival",
                    get("/api/cohorts/" + ici + "/survival?endpoint=os&by=lipi").build());
            case "fresh" -> switch (r.nextInt(3)) {
                case 0 -> new Planned(type, "survival", get("/api/cohorts/" + cohort
                        + "/survival?endpoint=" + endpoint + "&by=cd8&cutoff=" + cutoff).build());
                case 1 -> new Planned(type, "cox", get("/api/cohorts/" + cohort + "/cox?endpoint="
                        + endpoint + "&terms=cd8,lipi&cutoff=" + cutoff).build());
                default -> new Planned(type, "cutpoint", get("/api/cohorts/" + cohort
                        + "/cutpoint?endpoint=" + endpoint + "&variable="
                        + (r.nextBoolean() ? "cd8_til" : "shannon") + "&seed="
                        + r.nextInt(1_000_000)).build());
            };
            case "plot" -> r.nextBoolean()
                    ? new Planned(type, "lipi-size", get("/api/cohorts/" + ici
                            + "/plot.png?endpoint=os&by=lipi&width=" + (4 + r.nextInt(13) / 2.0)
                            + "&height=" + (4 + r.nextInt(9) / 2.0)).build())
                    : new Planned(type, "cd8-cutoff", get("/api/cohorts/" + cohort
                            + "/plot.png?endpoint=" + endpoint + "&by=cd8&cutoff=" + cutoff)
                            .build());
            case "page" -> r.nextBoolean()
                    ? new Planned(type, "stratifier", get("/cohorts/" + cohort
                            + "/analysis?endpoint=" + endpoint + "&by=" + PAGE_BY[r.nextInt(
                                    PAGE_BY.length)]).build())
                    : new Planned(type, "cd8-cutoff", get("/cohorts/" + cohort
                            + "/analysis?endpoint=" + endpoint + "&by=cd8&cutoff=" + cutoff)
                            .build());
            case "upload" -> new Planned(type, "csv", HttpRequest.newBuilder(URI.create(base
                    + "/api/cohorts?name=load-" + uploads.incrementAndGet()))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv").timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(cohortCsv(r))).build());
            default -> throw new IllegalArgumentException(type);
        };
    }

    static final String[] PAGE_BY = {"lipi", "pdl1", "cd8", "nlr", "dnlr", "arm", "shannon",
        "antibiotics", "akkermansia", "pdl1_cd8"};

    /** A small cohort (40 to 120 patients) in the cohort format, different every time. */
    static String cohortCsv(SplittableRandom r) {
        int n = 40 + r.nextInt(81);
        StringBuilder b = new StringBuilder("patient_id,arm,os_months,os_event,pfs_months,"
                + "pfs_event,pdl1_tps,cd8_til,neutrophils,lymphocytes,leukocytes,ldh,ldh_uln\n");
        for (int i = 0; i < n; i++) {
            double os = 1 + 40 * r.nextDouble();
            double pfs = os * r.nextDouble();
            double neutrophils = 2 + 6 * r.nextDouble();
            b.append(String.format(Locale.ROOT, "L%04d,%s,%.2f,%d,%.2f,%d,%d,%.1f,%.2f,%.2f,"
                    + "%.2f,%d,250%n", i, r.nextBoolean() ? "ICI" : "ICI+LAT", os,
                    r.nextInt(4) == 0 ? 0 : 1, pfs, r.nextInt(5) == 0 ? 0 : 1, r.nextInt(101),
                    20 + 400 * r.nextDouble(), neutrophils, 0.5 + 2 * r.nextDouble(),
                    neutrophils + 2.5 + r.nextDouble(), 120 + r.nextInt(300)));
        }
        return b.toString();
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).timeout(timeout).GET();
    }

    record Outcome(int status, boolean retryAfter, String body) {
        String statusText() {
            return status == TIMEOUT ? "timeout" : status == IO_ERROR ? "io-error"
                    : Integer.toString(status);
        }
    }

    /** Sends and reads the whole answer; an error is remembered with its body. */
    Outcome send(Planned p, Duration limit) {
        Outcome o = exchange(HttpRequest.newBuilder(p.request(), (n, v) -> true).timeout(limit)
                .build(), limit);
        if (isError(o.status, o.retryAfter)) {
            String body = o.body.length() > 400 ? o.body.substring(0, 400) + "..." : o.body;
            String kind = p.type() + "/" + p.variant() + " " + o.statusText() + " "
                    + body.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}")
                    .replaceAll("[0-9]+(\\.[0-9]+)?", "N");
            errors.computeIfAbsent(kind, k -> new ErrorKind(p.request().method() + " "
                    + p.request().uri().getRawPath() + "?" + p.request().uri().getRawQuery()
                    + " -> " + o.statusText() + " " + body)).count.increment();
        }
        return o;
    }

    Outcome exchange(HttpRequest request, Duration limit) {
        try {
            HttpResponse<byte[]> response = http.send(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Outcome(response.statusCode(),
                    response.headers().firstValue("Retry-After").isPresent(),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new Outcome(TIMEOUT, false, "no answer within " + limit.toSeconds() + " s");
        } catch (IOException e) {
            return new Outcome(IO_ERROR, false, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(IO_ERROR, false, e.toString());
        }
    }

    /** Every non-2xx is an error, but a deliberate 503 with Retry-After ("come back later"). */
    static boolean isError(int status, boolean retryAfter) {
        return !(status >= 200 && status <= 299) && !(status == 503 && retryAfter);
    }

    HeapSampler.Point fullGcHeap() throws Exception {
        Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run")
                .redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor();
        return HeapSampler.once(pid);
    }

    void report(List<Sample> all, long start, long deadline, long end, HeapSampler heap,
            GcLog gc, HeapSampler.Point beforeFullGc, HeapSampler.Point afterFullGc,
            List<String> after) throws IOException {
        double wall = (end - start) / 1e9;
        System.out.printf(Locale.ROOT, "%n%d connections, %d s of load (+ %.1f s until the last "
                + "request in flight ended), client timeout %d s; mix %s%n%n", connections,
                seconds, (end - deadline) / 1e9, timeout.toSeconds(), MIX);
        System.out.println("| request | requests | req/s | p50 ms | p90 ms | p99 ms | max ms "
                + "| status codes | errors |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        Map<String, List<Sample>> byType = new LinkedHashMap<>();
        MIX.keySet().forEach(t -> byType.put(t, new ArrayList<>()));
        all.forEach(s -> byType.get(s.type()).add(s));
        byType.forEach((type, samples) -> row(type + " (" + MIX.get(type) + " %)", samples,
                wall));
        row("**all**", all, wall);

        System.out.println();
        long warm = start + Math.min(10, seconds / 6) * 1_000_000_000L;
        System.out.printf(Locale.ROOT, "By variant (the last column: requests started %d s or "
                + "more into the load, after the JIT's warm-up):%n%n", (warm - start)
                / 1_000_000_000L);
        System.out.println("| request / variant | requests | p50 ms | p90 ms | p99 ms | max ms "
                + "| p50 / p99 ms from %d s |".formatted((warm - start) / 1_000_000_000L));
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Map<String, List<Sample>> byVariant = new TreeMap<>();
        all.forEach(x -> byVariant.computeIfAbsent(x.type() + " / " + x.variant(),
                k -> new ArrayList<>()).add(x));
        byVariant.forEach((variant, samples) -> {
            double[] ms = samples.stream().mapToDouble(Sample::ms).sorted().toArray();
            double[] late = samples.stream().filter(x -> x.startNanos() >= warm)
                    .mapToDouble(Sample::ms).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s / %s |%n", variant,
                    ms.length, pct(ms, 0.5), pct(ms, 0.9), pct(ms, 0.99), pct(ms, 1.0),
                    pct(late, 0.5), pct(late, 0.99));
        });

        System.out.println();
        if (errors.isEmpty()) {
            System.out.println("Errors: none.");
        } else {
            System.out.println("Errors (non-2xx other than 503 with Retry-After; timeouts; "
                    + "connection failures), by kind, with the first example:");
            errors.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue().count.sum(),
                    x.getValue().count.sum())).forEach(e -> System.out.printf("- %d x %s%n",
                            e.getValue().count.sum(), e.getValue().example));
        }

        System.out.println();
        System.out.println("Timeline (by the second a request ended; heap = jstat samples of "
                + "used heap in that window, max / min):");
        System.out.println();
        System.out.println("| seconds | ended | req/s | errors | 503 | p50 ms | p99 ms | 2xx: "
                + String.join(" / ", MIX.keySet()) + " | heap used max / min MB |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        int step = seconds >= 30 ? 10 : 5;
        for (int from = 0; from * 1e9 < end - start; from += step) {
            long a = start + from * 1_000_000_000L;
            long b = a + step * 1_000_000_000L;
            List<Sample> in = all.stream().filter(s -> s.endNanos() >= a && s.endNanos() < b)
                    .toList();
            if (in.isEmpty()) {
                continue;
            }
            double[] ms = in.stream().mapToDouble(Sample::ms).sorted().toArray();
            double windowSeconds = (Math.min(b, end) - a) / 1e9;
            long[] range = heap.range(a, b);
            List<String> ok = new ArrayList<>();
            for (String type : MIX.keySet()) {
                ok.add(Long.toString(in.stream().filter(x -> x.type().equals(type)
                        && x.status() >= 200 && x.status() <= 299).count()));
            }
            System.out.printf(Locale.ROOT, "| %d-%d | %d | %.1f | %d | %d | %s | %s | %s | %s |%n",
                    from, from + step, in.size(), in.size() / windowSeconds,
                    in.stream().filter(s -> isError(s.status(), s.retryAfter())).count(),
                    in.stream().filter(s -> s.status() == 503).count(), pct(ms, 0.50),
                    pct(ms, 0.99), String.join(" / ", ok),
                    range == null ? "" : mb(range[0]) + " / " + mb(range[1]));
        }

        System.out.println();
        System.out.println("After the load, one request of each type: " + String.join("; ",
                after) + ".");
        System.out.println();
        System.out.println("| server heap (-Xmx" + xmx + ", " + heap.capacityNote() + ") | |");
        System.out.println("| --- | ---: |");
        System.out.printf(Locale.ROOT, "| max used during the load (jstat -gc every 0.5 s, %d "
                + "samples) | %s MB |%n", heap.points.size(), mb(heap.maxUsed()));
        System.out.printf(Locale.ROOT, "| max old generation used during the load (jstat) | %s "
                + "MB |%n", mb(heap.maxOld()));
        if (gc != null) {
            gc.print();
        }
        boolean logged = gc != null && gc.afterOurs.size() >= 2;
        System.out.printf(Locale.ROOT, "| after a full GC just before the load (jcmd GC.run; %s) "
                + "| %s MB |%n", logged ? "GC log" : "jstat", logged ? gc.afterOurs.get(0)
                        : mb(beforeFullGc.used()));
        System.out.printf(Locale.ROOT, "| after a full GC at the end (jcmd GC.run; %s) | %s MB "
                + "|%n", logged ? "GC log" : "jstat", logged ? gc.afterOurs.get(
                        gc.afterOurs.size() - 1) : mb(afterFullGc.used()));
        String hwm = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("");
        if (!hwm.isEmpty()) {
            long kb = Long.parseLong(hwm.replaceAll("\\D", ""));
            System.out.printf(Locale.ROOT, "| process peak resident memory (VmHWM) | %s MB |%n",
                    mb(kb));
        }
    }

    static void row(String label, List<Sample> samples, double wall) {
        double[] ms = samples.stream().mapToDouble(Sample::ms).sorted().toArray();
        Map<String, Integer> codes = new TreeMap<>();
        samples.forEach(s -> codes.merge(new Outcome(s.status(), false, "").statusText()
                + (s.status() == 503 ? (s.retryAfter() ? " (Retry-After)" : " (no Retry-After)")
                        : ""), 1, Integer::sum));
        long errors = samples.stream().filter(s -> isError(s.status(), s.retryAfter())).count();
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %s | %s | %s | %s | %s | %d |%n",
                label, samples.size(), samples.size() / wall, pct(ms, 0.50), pct(ms, 0.90),
                pct(ms, 0.99), ms.length == 0 ? "" : String.format(Locale.ROOT, "%.0f",
                        ms[ms.length - 1]), codes.entrySet().stream().map(e -> e.getKey() + ": "
                                + e.getValue()).reduce((x, y) -> x + ", " + y).orElse(""),
                errors);
    }

    /** Nearest-rank percentile of sorted values. */
    static String pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return "";
        }
        double v = sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        return String.format(Locale.ROOT, v < 10 ? "%.1f" : "%.0f", v);
    }

    static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    /**
     * Samples the server JVM's heap with {@code jstat -gc PID 500} (KB: survivors + eden + old,
     * used), each sample stamped with this process's clock.
     */
    static final class HeapSampler {
        record Point(long nanos, long used, long old, long capacity) {
        }

        final long pid;
        final List<Point> points = java.util.Collections.synchronizedList(new ArrayList<>());
        Process process;
        Thread reader;

        HeapSampler(long pid) {
            this.pid = pid;
        }

        void start() throws IOException {
            process = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "500")
                    .redirectErrorStream(true).start();
            reader = new Thread(() -> read(process, points), "jstat");
            reader.start();
        }

        void stop() throws InterruptedException {
            process.destroy();
            reader.join();
        }

        static Point once(long pid) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(
                    true).start();
            List<Point> one = new ArrayList<>();
            read(p, one);
            p.waitFor();
            if (one.isEmpty()) {
                throw new IllegalStateException("jstat gave no sample of process " + pid);
            }
            return one.get(0);
        }

        static void read(Process p, List<Point> into) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                List<String> header = null;
                for (String line; (line = in.readLine()) != null;) {
                    List<String> f = Arrays.asList(line.trim().split("\\s+"));
                    if (f.contains("EU")) {
                        header = f;
                    } else if (header != null && f.size() == header.size()) {
                        double used = 0;
                        for (String c : List.of("S0U", "S1U", "EU", "OU")) {
                            used += Double.parseDouble(f.get(header.indexOf(c)));
                        }
                        double capacity = 0;
                        for (String c : List.of("S0C", "S1C", "EC", "OC")) {
                            capacity += Double.parseDouble(f.get(header.indexOf(c)));
                        }
                        into.add(new Point(System.nanoTime(), (long) used, (long) Double
                                .parseDouble(f.get(header.indexOf("OU"))), (long) capacity));
                    }
                }
            } catch (IOException e) {
                // the process was stopped
            }
        }

        long maxUsed() {
            synchronized (points) {
                return points.stream().mapToLong(Point::used).max().orElse(0);
            }
        }

        long maxOld() {
            synchronized (points) {
                return points.stream().mapToLong(Point::old).max().orElse(0);
            }
        }

        String capacityNote() {
            synchronized (points) {
                return "committed at most " + mb(points.stream().mapToLong(Point::capacity).max()
                        .orElse(0)) + " MB";
            }
        }

        /** Max and min used in [a, b), or null without a sample there. */
        long[] range(long a, long b) {
            synchronized (points) {
                var in = points.stream().filter(p -> p.nanos() >= a && p.nanos() < b)
                        .mapToLong(Point::used).summaryStatistics();
                return in.getCount() == 0 ? null : new long[] {in.getMax(), in.getMin()};
            }
        }
    }

    /**
     * The server's -Xlog:gc* file, for the collections between two of the server's uptimes (the
     * load): counts, longest pause, heap after each; and the heap after the full collections
     * this benchmark asked for ("Diagnostic Command": jcmd GC.run) before and after the load.
     */
    static final class GcLog {
        int young;
        int mixed;
        int full;
        long maxAfter;
        long minAfterMixed = Long.MAX_VALUE;
        long maxAfterMixed;
        double maxPauseMs;
        final List<Long> afterOurs = new ArrayList<>();

        void print() {
            System.out.printf(Locale.ROOT, "| after each mixed collection during the load (young "
                    + "and old regions cleaned; GC log), lowest - highest | %s |%n",
                    mixed == 0 ? "none" : minAfterMixed + " - " + maxAfterMixed + " MB");
            System.out.printf(Locale.ROOT, "| after any collection during the load, highest "
                    + "(young ones leave old garbage) | %d MB |%n", maxAfter);
            System.out.printf(Locale.ROOT, "| collections during the load: young / mixed / full; "
                    + "longest pause | %d / %d / %d; %.1f ms |%n", young, mixed, full,
                    maxPauseMs);
        }

        static GcLog read(Path file, double fromUptime, double toUptime) throws IOException {
            GcLog g = new GcLog();
            Pattern pause = Pattern.compile("^\\[([0-9.]+)s\\].*\\[gc\\s*\\] GC\\(\\d+\\) Pause "
                    + "(Young|Full|Remark|Cleanup)(.*) (\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");
            for (String line : Files.readAllLines(file)) {
                Matcher m = pause.matcher(line);
                if (!m.find()) {
                    continue;
                }
                long after = Long.parseLong(m.group(5));
                if (m.group(2).equals("Full") && m.group(3).contains("Diagnostic Command")) {
                    g.afterOurs.add(after);
                    continue;
                }
                double at = Double.parseDouble(m.group(1));
                if (at < fromUptime || at > toUptime) {
                    continue;
                }
                switch (m.group(2)) {
                    case "Young" -> {
                        if (m.group(3).startsWith(" (Mixed)")) { // not "(Prepare Mixed)"
                            g.mixed++;
                            g.minAfterMixed = Math.min(g.minAfterMixed, after);
                            g.maxAfterMixed = Math.max(g.maxAfterMixed, after);
                        } else {
                            g.young++;
                        }
                    }
                    case "Full" -> g.full++;
                    default -> { }
                }
                g.maxAfter = Math.max(g.maxAfter, after);
                g.maxPauseMs = Math.max(g.maxPauseMs, Double.parseDouble(m.group(7)));
            }
            return g;
        }
    }

    /** The server JVM's uptime in seconds, as its GC log counts (from the process's start). */
    double serverUptime() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double startedAt = Long.parseLong(f[19]) / 100.0; // field 22, ticks after boot
        double now = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        return now - startedAt;
    }
}
