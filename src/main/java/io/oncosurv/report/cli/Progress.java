package io.oncosurv.report.cli;

import io.oncosurv.report.Artefact;
import io.oncosurv.report.ReportBuilder;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The CLI's progress on stderr: on a terminal one bar redrawn in place with the time since the
 * start ({@code [########------------]  8/20  0:04  figure os-lipi}), otherwise (a pipeline,
 * cron) one line per step, which a log keeps readable; then a summary of what was written.
 */
final class Progress implements ReportBuilder.Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final LongSupplier nanos;
    private final long began;
    private boolean drawn;

    Progress(PrintWriter err, boolean quiet, boolean terminal, LongSupplier nanos) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
        this.nanos = nanos;
        this.began = nanos.getAsLong();
    }

    @Override
    public void step(int done, int total, String what) {
        if (quiet) {
            return;
        }
        if (terminal) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            String line = "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                    + String.format(Locale.ROOT, "%3d/%d  %s  %s", done, total,
                            clock(elapsedSeconds()), what);
            err.print("\r" + line + " ".repeat(Math.max(0, 80 - line.length())));
            drawn = true;
        } else {
            err.println(done + "/" + total + " " + what);
        }
        err.flush();
    }

    /** Ends the bar's line. */
    void end() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    /**
     * What was written: one line per artefact with its size, then the count, total size,
     * folder and time taken.
     */
    void summary(List<Artefact> artefacts, String folder) {
        if (quiet) {
            return;
        }
        int width = artefacts.stream().mapToInt(a -> a.name().length()).max().orElse(0);
        long total = 0;
        for (Artefact a : artefacts) {
            total += a.bytes().length;
            err.println("  " + a.name() + " ".repeat(width - a.name().length() + 2)
                    + size(a.bytes().length));
        }
        err.println("wrote " + artefacts.size() + (artefacts.size() == 1 ? " artefact"
                : " artefacts") + ", " + size(total) + ", to " + folder + " in "
                + String.format(Locale.ROOT, "%.1f s", elapsedSeconds()));
        err.flush();
    }

    private double elapsedSeconds() {
        return (nanos.getAsLong() - began) / 1e9;
    }

    /** m:ss */
    static String clock(double seconds) {
        long s = (long) seconds;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Bytes as people read them: 512 B, 45.2 kB, 3.1 MB (powers of 1000). */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
