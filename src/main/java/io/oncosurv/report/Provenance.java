package io.oncosurv.report;

import io.oncosurv.analysis.ExtraTests;
import io.oncosurv.stats.Weighting;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where a report's numbers come from, printed in every artefact that has text: the cohort (as the
 * spec names it) and the SHA-256 of its bytes, the spec's hash, the software version; and the
 * conventions manifest: the choices on which survival tools disagree, as they were made here.
 * No clock time: the same inputs give the same bytes.
 */
public record Provenance(String cohort, String cohortSha256, String specSha256,
        String software, Map<String, String> conventions) {

    public static Provenance of(ReportSpec spec, String cohortSha256) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("Survival", "Kaplan–Meier; Greenwood standard errors");
        c.put("Confidence intervals", Formats.fixed(100 * spec.confLevel(), 0) + "%, "
                + spec.confType().rName() + " transform (R survfit conf.type), limits clipped "
                + "to [0, 1]");
        c.put("Median and quantiles", "R quantile.survfit: the first time the curve is at or "
                + "below 1 − p; where it is flat at exactly 1 − p, the midpoint of the flat "
                + "stretch; not reached = none");
        c.put("Tied times", "times within sqrt(machine epsilon), relative, are one time (R "
                + "aeqSurv); at a tied time events come before censorings");
        c.put("Number at risk", "patients with time >= t at tick t (R)");
        c.put("Tests", String.join("; ", testNames(spec)));
        c.put("Hazard ratios", "Cox proportional hazards, Efron ties, against the first "
                + "level; Wald confidence intervals and p");
        c.put("Multiplicity", "q-values: Benjamini–Hochberg over the report's log-rank p-values");
        c.put("Restricted mean", "up to the smallest of the groups' largest follow-up times (R "
                + "print.survfit rmean default)");
        c.put("Time unit", "months (days / 30.4375, weeks × 7 / 30.4375, years × 12)");
        c.put("Small cells", spec.smallCells() == 0 ? "not suppressed"
                : "counts from 1 to " + (spec.smallCells() - 1) + " in figures read <"
                        + spec.smallCells());
        return new Provenance(spec.cohort(), cohortSha256, spec.sha256(), "OncoSurv "
                + version(), c);
    }

    private static List<String> testNames(ReportSpec spec) {
        List<String> names = new ArrayList<>(List.of("log-rank (Fleming–Harrington rho = 0)"));
        ExtraTests extra = ExtraTests.parse(String.join(",", spec.tests()), new double[0]);
        for (Weighting w : extra.weighted()) {
            names.add(w.label());
        }
        if (extra.maxCombo()) {
            names.add("MaxCombo (FH(0,0), (0,1), (1,0), (1,1))");
        }
        if (extra.trend()) {
            names.add("log-rank test for trend (ordered groups)");
        }
        return names;
    }

    /** The build's version (from the Maven project), "development" when run from an IDE. */
    public static String version() {
        try (InputStream in = Provenance.class.getResourceAsStream(
                "/oncosurv-version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }

    /** The block as ordered key → value, for the JSON artefact. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cohort", cohort);
        out.put("cohort_sha256", cohortSha256);
        out.put("spec_sha256", specSha256);
        out.put("software", software);
        out.put("conventions", conventions);
        return out;
    }
}
