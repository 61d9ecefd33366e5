package io.oncosurv.report.cli;

import io.oncosurv.report.ReportBuilder;
import java.io.PrintWriter;

/**
 * The CLI's progress on stderr: on a terminal one bar redrawn in place
 * ({@code [########------------]  8/20  figure os-lipi}), otherwise (a pipeline, cron) one line
 * per step, which a log keeps readable.
 */
final class Progress implements ReportBuilder.Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private boolean drawn;

    Progress(PrintWriter err, boolean quiet, boolean terminal) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    @Override
    public void step(int done, int total, String what) {
        if (quiet) {
            return;
        }
        if (terminal) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            String line = "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                    + String.format("%3d/%d  %s", done, total, what);
            err.print("\r" + line + " ".repeat(Math.max(0, 70 - line.length())));
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
}
