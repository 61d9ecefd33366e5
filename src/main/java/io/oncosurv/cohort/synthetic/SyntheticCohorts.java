package io.oncosurv.cohort.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The two synthetic NSCLC sample cohorts of {@code cohorts/}, made by a seeded generator so that
 * they can be made again byte for byte. SYNTHETIC: no patient is real. The effects follow
 * published directions, as hazard ratios on exponential PFS and OS:
 * <ul>
 * <li>worse PFS and OS with a high dNLR (>= 3) and with LDH above the upper limit of normal (so
 * with a poor LIPI), with antibiotics in the 30 days before treatment, and without Akkermansia
 * muciniphila in stool (Routy et al., Science 2018; Mezquita et al., JAMA Oncol 2018);</li>
 * <li>better with PD-L1 TPS >= 50 % and with high CD8+ TIL density under immunotherapy;</li>
 * <li>under EGFR-TKI, PD-L1 high with CD8 high gives a short PFS, median near 2.4 months
 * (as reported for EGFR-mutant NSCLC with an inflamed microenvironment).</li>
 * </ul>
 * Each PFS event has a cause ({@code pfs_cause}, a competing-risks endpoint): {@code death} when
 * the patient died before any progression (PFS time is the OS time, both events), otherwise the
 * site of the first progression, {@code local} (a treated or known site) or {@code distant} (a new
 * site). Local ablative therapy controls the treated sites, so local failures are rarer in the
 * {@code +LAT} arms and distant progression is the commonest failure. The causes come from a
 * random stream of their own ({@link Design#causeSeed()}), so the other columns are the same as
 * they were before causes were added.
 * <p>The immunotherapy cohort also says when antibiotics started ({@code antibiotics_start_days},
 * a stream of its own, {@link Design#exposureSeed()}): before treatment for those with
 * {@code antibiotics_30d}, else for some at a time during follow-up that changes no hazard, so
 * that "ever exposed" looks protective by immortal time alone (cohorts/README.md).
 * <p>Run {@code main} with the cohorts directory to rewrite the files.
 */
public final class SyntheticCohorts {

    /** One cohort's design. */
    record Design(String fileName, long seed, long causeSeed, int patients, String disease,
            String[] arms, double[] armShares, String timeUnit, double pfsMedian, double osMedian,
            double followUpMin, double followUpMax, boolean egfr, long exposureSeed) {

        /** Whether the cohort has {@code antibiotics_start_days} (exposureSeed 0: not). */
        boolean hasAntibioticsStart() {
            return exposureSeed != 0;
        }
    }

    /** Share of progressions first seen at a known site, without and with ablation of them. */
    static final double LOCAL_SHARE_WITHOUT_LAT = 0.45;
    static final double LOCAL_SHARE_WITH_LAT = 0.15;

    /**
     * Of the patients without antibiotics before treatment, the share given a course at a time
     * drawn uniformly in the first {@link #ANTIBIOTICS_WITHIN_MONTHS} months; only those still
     * followed then have it in the file.
     */
    static final double ANTIBIOTICS_LATER_SHARE = 0.65;
    static final double ANTIBIOTICS_WITHIN_MONTHS = 18;

    static final Design IMMUNOTHERAPY = new Design("synthetic-ici-oligometastatic.csv", 20261127L,
            20261202L, 300, "OMD", new String[] {"ICI", "ICI+LAT"}, new double[] {0.6, 0.4},
            "months", 12.0, 30.0, 18, 48, false, 20261204L);

    static final Design EGFR_TKI = new Design("synthetic-egfr-tki-oligoprogressive.csv",
            20261128L, 20261203L, 150, "OPD", new String[] {"EGFR-TKI", "EGFR-TKI+LAT"},
            new double[] {0.7, 0.3}, "days", 18.0, 40.0, 18, 54, true, 0);

    private SyntheticCohorts() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "cohorts");
        for (Design design : new Design[] {IMMUNOTHERAPY, EGFR_TKI}) {
            Files.writeString(dir.resolve(design.fileName()), generate(design),
                    StandardCharsets.UTF_8);
        }
    }

    /** The CSV text of a cohort. */
    static String generate(Design d) {
        SplittableRandom random = new SplittableRandom(d.seed());
        // a stream of its own, one draw per patient: adding causes changed no other value
        SplittableRandom causes = new SplittableRandom(d.causeSeed());
        // and one for antibiotics starts, two draws per patient
        SplittableRandom exposures = new SplittableRandom(d.exposureSeed());
        StringBuilder csv = new StringBuilder();
        csv.append("patient_id,arm,disease_state,age,sex,pfs_").append(d.timeUnit())
                .append(",pfs_event,pfs_cause,os_").append(d.timeUnit())
                .append(",os_event,pdl1_tps,cd8_til,")
                .append("neutrophils,lymphocytes,leukocytes,ldh,ldh_uln,akkermansia,shannon,")
                .append("antibiotics_30d").append(d.hasAntibioticsStart()
                        ? ",antibiotics_start_days\n" : "\n");
        for (int i = 1; i <= d.patients(); i++) {
            Patient p = Patient.draw(random, d);
            String cause = p.pfsCause(causes.nextDouble());
            String row = p.row(String.format(Locale.ROOT, "%s-%03d", d.egfr() ? "EGFR" : "ICI", i),
                    cause, d);
            if (d.hasAntibioticsStart()) {
                row = row.substring(0, row.length() - 1) + ","
                        + p.antibioticsStart(exposures.nextDouble(), exposures.nextDouble()) + "\n";
            }
            csv.append(row);
        }
        return csv.toString();
    }

    /** One synthetic patient. */
    private record Patient(String arm, int age, int sex, double tps, double cd8,
            double neutrophils, double lymphocytes, double leukocytes, int ldh,
            int akkermansia, double shannon, int antibiotics, double pfs, int pfsEvent,
            double os, int osEvent) {

        static Patient draw(SplittableRandom r, Design d) {
            String arm = r.nextDouble() < d.armShares()[0] ? d.arms()[0] : d.arms()[1];
            int age = (int) Math.round(clamp(normal(r, 66, 9), 35, 89));
            int sex = r.nextDouble() < 0.6 ? 1 : 2;
            double u = r.nextDouble();
            double tps = u < 0.3 ? 0 : u < 0.65 ? 1 + r.nextInt(49) : 50 + r.nextInt(51);
            double cd8 = Math.exp(normal(r, Math.log(150), 0.7));
            double neutrophils = Math.exp(normal(r, Math.log(4.6), 0.38));
            double lymphocytes = Math.exp(normal(r, Math.log(1.6), 0.35));
            double others = 0.6 + 0.8 * r.nextDouble(); // monocytes, eosinophils, basophils
            double leukocytes = neutrophils + lymphocytes + others;
            int ldh = (int) Math.round(Math.exp(normal(r, Math.log(215), 0.3)));
            int akkermansia = r.nextDouble() < 0.45 ? 1 : 0;
            double shannon = clamp(normal(r, 3.0 + 0.4 * akkermansia, 0.5), 0.5, 5);
            int antibiotics = r.nextDouble() < 0.22 ? 1 : 0;

            double dnlr = neutrophils / (leukocytes - neutrophils);
            double logHr = 0;
            logHr += dnlr >= 3 ? Math.log(1.8) : 0;
            logHr += ldh > 250 ? Math.log(1.6) : 0;
            logHr += antibiotics == 1 ? Math.log(1.7) : 0;
            logHr += akkermansia == 0 ? Math.log(1.5) : 0;
            logHr += arm.endsWith("+LAT") ? Math.log(0.7) : 0;
            double pfsLogHr = logHr;
            double osLogHr = 0.8 * logHr;
            boolean inflamed = tps >= 50 && cd8 >= 150;
            if (d.egfr()) {
                // an inflamed tumour responds poorly to the TKI, whatever else: PFS median 2.4
                pfsLogHr = inflamed ? Math.log(d.pfsMedian() / 2.4) : pfsLogHr;
                osLogHr += inflamed ? Math.log(1.8) : 0;
            } else {
                pfsLogHr += tps >= 50 ? Math.log(0.7) : 0;
                pfsLogHr += cd8 >= 150 ? Math.log(0.8) : 0;
                osLogHr += tps >= 50 ? Math.log(0.75) : 0;
            }
            double progression = exponential(r, d.pfsMedian(), pfsLogHr);
            double death = exponential(r, d.osMedian(), osLogHr);
            double followUp = d.followUpMin() + (d.followUpMax() - d.followUpMin()) * r.nextDouble();
            double os = Math.min(death, followUp);
            int osEvent = death <= followUp ? 1 : 0;
            double firstEvent = Math.min(progression, death);
            double pfs = Math.min(firstEvent, followUp);
            int pfsEvent = firstEvent <= followUp ? 1 : 0;
            return new Patient(arm, age, sex, tps, cd8, neutrophils, lymphocytes, leukocytes, ldh,
                    akkermansia, shannon, antibiotics, pfs, pfsEvent, os, osEvent);
        }

        /** Empty when censored; death first (PFS ends at the death); else local or distant. */
        String pfsCause(double u) {
            if (pfsEvent == 0) {
                return "";
            }
            if (osEvent == 1 && pfs == os) {
                return "death";
            }
            double local = arm.endsWith("+LAT") ? LOCAL_SHARE_WITH_LAT : LOCAL_SHARE_WITHOUT_LAT;
            return u < local ? "local" : "distant";
        }

        /**
         * The day antibiotics start, as written, or "" (none during follow-up). Antibiotics in
         * the 30 days before treatment ({@code antibiotics_30d} 1) start on day -30 to -1; of
         * the others, a share get a course at a uniform time in the first months, which is in
         * the file only when it falls before the end of the patient's follow-up (OS as written).
         * The start changes no hazard: "ever exposed" looks protective by immortal time alone.
         */
        String antibioticsStart(double u, double v) {
            if (antibiotics == 1) {
                return Long.toString(-1 - (long) (30 * v));
            }
            if (u >= ANTIBIOTICS_LATER_SHARE) {
                return "";
            }
            long day = Math.max(1, Math.round(v * ANTIBIOTICS_WITHIN_MONTHS * 30.4375));
            double osAsWritten = Double.parseDouble(String.format(Locale.ROOT, "%.2f",
                    Math.max(0.03, os)));
            return day / 30.4375 < osAsWritten ? Long.toString(day) : "";
        }

        String row(String id, String pfsCause, Design d) {
            String pfsTime;
            String osTime;
            if (d.timeUnit().equals("days")) {
                pfsTime = Long.toString(Math.max(1, Math.round(pfs * 30.4375)));
                osTime = Long.toString(Math.max(1, Math.round(os * 30.4375)));
            } else {
                pfsTime = String.format(Locale.ROOT, "%.2f", Math.max(0.03, pfs));
                osTime = String.format(Locale.ROOT, "%.2f", Math.max(0.03, os));
            }
            return String.format(Locale.ROOT,
                    "%s,%s,%s,%d,%d,%s,%d,%s,%s,%d,%.0f,%.1f,%.2f,%.2f,%.2f,%d,250,%d,%.2f,%d%n",
                    id, arm, d.disease(), age, sex, pfsTime, pfsEvent, pfsCause, osTime, osEvent,
                    tps, cd8, neutrophils, lymphocytes, leukocytes, ldh, akkermansia, shannon,
                    antibiotics)
                    .replace(System.lineSeparator(), "\n");
        }
    }

    private static double exponential(SplittableRandom r, double median, double logHr) {
        double rate = Math.log(2) / median * Math.exp(logHr);
        return -Math.log(1 - r.nextDouble()) / rate;
    }

    private static double normal(SplittableRandom r, double mean, double sd) {
        // Box–Muller: SplittableRandom has no nextGaussian in Java 17
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
