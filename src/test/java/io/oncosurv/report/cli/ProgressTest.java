package io.oncosurv.report.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oncosurv.report.Artefact;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    @DisplayName("on a terminal: one bar redrawn in place with the time since the start, then "
            + "the summary of files, sizes and time")
    void terminalBar() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong(5_000_000_000L);
        Progress p = new Progress(new PrintWriter(text), false, true, now::get);
        now.addAndGet(4_200_000_000L);
        p.step(8, 20, "figure os-lipi");
        now.addAndGet(61_000_000_000L);
        p.step(20, 20, "report.pdf");
        p.end();
        p.summary(List.of(new Artefact("report.pdf", "application/pdf", new byte[45_230]),
                new Artefact("a.csv", "text/csv", new byte[512])), "out");
        String bar1 = "[############------------------]   8/20  0:04  figure os-lipi";
        String bar2 = "[##############################]  20/20  1:05  report.pdf";
        assertEquals("\r" + bar1 + " ".repeat(80 - bar1.length()) + "\r" + bar2
                + " ".repeat(80 - bar2.length()) + "\n"
                + "  report.pdf  45.2 kB\n"
                + "  a.csv       512 B\n"
                + "wrote 2 artefacts, 45.7 kB, to out in 65.2 s\n",
                text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    @DisplayName("quiet: nothing at all, summary included")
    void quiet() {
        StringWriter text = new StringWriter();
        Progress p = new Progress(new PrintWriter(text), true, true, () -> 0L);
        p.step(1, 2, "x");
        p.end();
        p.summary(List.of(new Artefact("a.csv", "text/csv", new byte[3])), "out");
        assertEquals("", text.toString());
    }
}
