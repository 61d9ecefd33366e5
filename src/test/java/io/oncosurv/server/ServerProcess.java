package io.oncosurv.server;

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
 */
final class ServerProcess implements AutoCloseable {

    static final String TOKEN = "process-test";

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
        server.waitUntilHealthy(HttpClient.newHttpClient());
        return server;
    }

    /** Starts the server process and returns at once, healthy or not (see {@link #start}). */
    static ServerProcess launch(Path data, Path samples, int port, long fileLimitKb,
            java.util.Map<String, String> settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = fileLimitKb == 0
                ? new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        Main.class.getName())
                : new ProcessBuilder("bash", "-c", "ulimit -f " + fileLimitKb + " && exec \""
                        + java + "\" -cp \"$CP\" " + Main.class.getName());
        builder.environment().put("CP", System.getProperty("java.class.path"));
        builder.environment().put("ONCOSURV_PORT", Integer.toString(port));
        builder.environment().put("ONCOSURV_DATA", data.toString());
        builder.environment().put("ONCOSURV_ADMIN_TOKEN", TOKEN);
        builder.environment().put("ONCOSURV_COHORTS", samples.toString());
        builder.environment().putAll(settings);
        Path log = data.getParent().resolve("server-" + System.nanoTime() + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ServerProcess(builder.start(), port, log);
    }

    /** The process's exit code once it has ended, or null if it runs on after {@code seconds}. */
    Integer exitCode(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    boolean alive() {
        return process.isAlive();
    }

    private void waitUntilHealthy(HttpClient http) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(uri("/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100); // or "starting" (503): the store is opening
        }
        throw new AssertionError("the server did not become healthy");
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL, and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
