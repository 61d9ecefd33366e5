package io.oncosurv.server;

import io.oncosurv.testsupport.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The server as a separate process (the test's class path, {@link Main}), for tests that kill it
 * with SIGKILL: what a crash does, which stopping Vert.x (it finishes running work) does not.
 * No process outlives its test: a start that fails kills what it started, tests close theirs in
 * {@code finally}, and a shutdown hook kills any left (with their children) when the test JVM
 * ends, whatever the outcome.
 */
final class ServerProcess implements AutoCloseable {

    static final String TOKEN = "process-test";

    /** How long a start may take: three JVMs starting at once on a loaded 2-core machine. */
    static final java.time.Duration START = java.time.Duration.ofMinutes(4);

    /** Every process started and not yet killed, for the shutdown hook. */
    private static final java.util.Set<Process> LIVE =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(
                ServerProcess::destroyWithDescendants), "kill-server-processes"));
    }

    private final Process process;
    final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** What the server printed so far (its log), for a failure message. */
    String log() {
        try {
            return java.nio.file.Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Starts the server on a free port, data in {@code data}, samples from {@code samples}. */
    static ServerProcess start(Path data, Path samples) throws Exception {
        return start(data, samples, freePort());
    }

    static ServerProcess start(Path data, Path samples, int port) throws Exception {
        return start(data, samples, port, 0);
    }

    /**
     * The same, with no file of the process allowed past {@code fileLimitKb} (0: no limit): a
     * write beyond it fails with EFBIG, as a write to a full disk fails with ENOSPC (a small
     * file system would need privileges to mount).
     */
    static ServerProcess start(Path data, Path samples, int port, long fileLimitKb)
            throws Exception {
        return start(data, samples, port, fileLimitKb, java.util.Map.of());
    }

    /** The same with more settings in the environment (a shared store, say). */
    static ServerProcess start(Path data, Path samples, int port, long fileLimitKb,
            java.util.Map<String, String> settings) throws Exception {
        ServerProcess server = launch(data, samples, port, fileLimitKb, settings);
        try {
            server.awaitHealthy();
        } catch (Exception | Error e) {
            server.close(); // a failed start leaves no process behind
            throw e;
        }
        return server;
    }

    /** Starts the server process and returns at once, healthy or not (see {@link #start}). */
    static ServerProcess launch(Path data, Path samples, int port, long fileLimitKb,
            java.util.Map<String, String> settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a child's log is read when a test fails: its startup lines stay in, which the tests'
        // own output leaves out (simplelogger.properties)
        String logs = "-Dorg.slf4j.simpleLogger.log.io.oncosurv.server.MainVerticle=info "
                + "-Dorg.slf4j.simpleLogger.log.io.oncosurv.server.SampleCohorts=info";
        ProcessBuilder builder = fileLimitKb == 0
                ? new ProcessBuilder(java, logs.split(" ")[0], logs.split(" ")[1], "-cp",
                        System.getProperty("java.class.path"), Main.class.getName())
                : new ProcessBuilder("bash", "-c", "ulimit -f " + fileLimitKb + " && exec \""
                        + java + "\" " + logs + " -cp \"$CP\" " + Main.class.getName());
        builder.environment().put("CP", System.getProperty("java.class.path"));
        builder.environment().put("ONCOSURV_PORT", Integer.toString(port));
        builder.environment().put("ONCOSURV_DATA", data.toString());
        builder.environment().put("ONCOSURV_ADMIN_TOKEN", TOKEN);
        builder.environment().put("ONCOSURV_COHORTS", samples.toString());
        builder.environment().putAll(settings);
        Path log = data.getParent().resolve("server-" + System.nanoTime() + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        LIVE.add(process);
        return new ServerProcess(process, port, log);
    }

    /** The process's exit code once it has ended, or null if it runs on after {@code seconds}. */
    Integer exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return null;
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Waits until /health answers 200 (503 "starting" while the store opens); fails at once with
     * the log if the process ended, or after {@link #START}.
     */
    void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Await.until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server ended with " + process.exitValue()
                        + " before it became healthy:\n" + log());
            }
            try {
                return http.send(HttpRequest.newBuilder(uri("/health")).timeout(java.time
                        .Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers
                        .discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        }, healthy -> healthy, START, healthy -> "the server did not become healthy; its log:\n"
                + log());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL (its children first), and wait for the process to be gone. */
    void kill() throws InterruptedException {
        destroyWithDescendants(process);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the server process " + process.pid() + " did not end");
        }
        LIVE.remove(process);
    }

    private static void destroyWithDescendants(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes every one, even when closing one fails; then reports the first failure. */
    static void closeAll(java.util.List<ServerProcess> servers) {
        AssertionError first = null;
        for (ServerProcess s : servers) {
            try {
                s.close();
            } catch (AssertionError e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
