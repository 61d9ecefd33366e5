package io.oncosurv.report.cli;

import io.oncosurv.analysis.AnalysisException;
import io.oncosurv.analysis.StratifierSource;
import io.oncosurv.analysis.ValueLabelCheck;
import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.cohort.CohortRejectedException;
import io.oncosurv.cohort.Problem;
import io.oncosurv.cohort.ValueLabels;
import io.oncosurv.report.AnalysisCache;
import io.oncosurv.report.Artefact;
import io.oncosurv.report.Hashes;
import io.oncosurv.report.ReportBuildException;
import io.oncosurv.report.ReportBuilder;
import io.oncosurv.report.ReportSpec;
import io.oncosurv.report.ReportSpecException;
import io.oncosurv.report.ReportSpecParser;
import io.oncosurv.report.Templates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oncosurv report --spec spec.yaml --cohort file.csv --out dir/}: the server's report,
 * without a server, byte for byte. Progress goes to stderr (a bar with the time taken on a
 * terminal, a line per step otherwise, then a summary of the files, their sizes and the time),
 * the artefacts' SHA-256 and names to stdout as {@code sha256sum} prints them.
 * Exit 0: done; 1: the report cannot be made from this cohort; 2: a bad spec, cohort or option.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Make a survival report from a spec and a cohort file, as the server does.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, description = "The report spec (YAML or JSON).")
    Path spec;

    @Option(names = "--cohort", required = true, description = "The cohort file (CSV or TSV).")
    Path cohort;

    @Option(names = "--out", required = true, description = "Where the artefacts are written "
            + "(made if missing; files of the same names are replaced).")
    Path out;

    @Option(names = "--labels", description = "The cohort's value labels, as the upload's "
            + "labels parameter: column:value=label,value=label;column2:value=label.")
    String labels;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        PrintWriter stdout = command.commandLine().getOut();
        ReportSpec report;
        byte[] bytes;
        Cohort data;
        try {
            report = ReportSpecParser.parse(Files.readString(spec, StandardCharsets.UTF_8));
            bytes = Files.readAllBytes(cohort);
            data = CohortReader.read(bytes, (char) 0);
        } catch (ReportSpecException e) {
            err.println(spec + ": " + e.getMessage());
            return 2;
        } catch (CohortRejectedException e) {
            err.println(cohort + ": " + e.getMessage());
            for (Problem p : e.problems()) {
                err.println("  row " + p.row() + (p.column() == null ? "" : ", column "
                        + p.column()) + ": " + p.message());
            }
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        }
        try { // the server's report of a version with these labels, byte for byte
            data = data.withValueLabels(ValueLabelCheck.check(data, ValueLabels.parse(labels)));
        } catch (IllegalArgumentException | AnalysisException e) {
            err.println("--" + e.getMessage());
            return 2;
        }
        Progress progress = new Progress(err, quiet, System.console() != null,
                System::nanoTime);
        List<Artefact> artefacts;
        try {
            artefacts = new ReportBuilder(report, data, Hashes.sha256Hex(bytes), new Templates())
                    .build(StratifierSource.direct(data), new AnalysisCache(1024), progress);
        } catch (ReportBuildException e) {
            progress.end();
            err.println("the report cannot be made: " + e.getMessage());
            return 1;
        }
        progress.end();
        try {
            write(artefacts);
        } catch (IOException e) {
            err.println("cannot write to " + out + ": " + e.getMessage());
            return 2;
        }
        for (Artefact a : artefacts) {
            stdout.println(a.sha256() + "  " + a.name());
        }
        stdout.flush();
        progress.summary(artefacts, out.toString());
        return 0;
    }

    /**
     * Every artefact is written to a temporary file in the output folder, then moved into place:
     * a crash leaves whole files, never a half-written one under an artefact's name. The
     * temporary file is made as any new file is (mode 666 less the umask, so 644 under the usual
     * 022 and the group can read a report), not by {@code createTempFile}, which makes it 600.
     */
    private void write(List<Artefact> artefacts) throws IOException {
        Files.createDirectories(out);
        for (Artefact a : artefacts) {
            Path tmp = out.resolve(".oncosurv-" + UUID.randomUUID() + ".part");
            try {
                Files.write(tmp, a.bytes(), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                Files.move(tmp, out.resolve(a.name()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
