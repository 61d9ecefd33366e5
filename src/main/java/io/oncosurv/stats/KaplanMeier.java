package io.oncosurv.stats;

/**
 * The Kaplan–Meier estimator with Greenwood's variance, as R's
 * {@code survfit(Surv(time, event) ~ group)}: one pass over a sample's distinct times, each
 * updating only the curves of the groups with patients leaving at it.
 */
public final class KaplanMeier {

    private KaplanMeier() {
    }

    /** Fits one curve per group with R's defaults (log limits, 95 %). */
    public static SurvivalCurve[] fitGroups(double[] time, boolean[] event, int[] group,
            int groups) {
        return fitGroups(time, event, group, groups, RDefaults.CONF_TYPE, RDefaults.CONF_LEVEL);
    }

    /** Fits one curve per group. */
    public static SurvivalCurve[] fitGroups(double[] time, boolean[] event, int[] group,
            int groups, ConfType confType, double confLevel) {
        return fitGroups(SurvivalSample.builder(time, event).groups(group, groups).build(),
                confType, confLevel);
    }

    /** Fits one curve to all patients, with R's defaults. */
    public static SurvivalCurve fit(double[] time, boolean[] event) {
        return fitGroups(SurvivalSample.builder(time, event).build(), RDefaults.CONF_TYPE,
                RDefaults.CONF_LEVEL)[0];
    }

    /** Fits one curve per group of a sample (its strata, if any, are ignored). */
    public static SurvivalCurve[] fitGroups(SurvivalSample sample, ConfType confType,
            double confLevel) {
        ConfidenceBand.zValue(confLevel); // refuse a bad level before the work
        int groups = sample.groups();
        TimeSteps steps = sample.steps();
        CurveBuilder[] builders = new CurveBuilder[groups];
        for (int g = 0; g < groups; g++) {
            builders[g] = new CurveBuilder(sample.groupSize(g),
                    Math.min(sample.groupSize(g), steps.steps));
        }
        // cells are stratum * groups + group; a group's cells in several strata add up
        CurveBuilder[] builderOfCell = new CurveBuilder[groups * sample.strata()];
        for (int c = 0; c < builderOfCell.length; c++) {
            builderOfCell[c] = builders[c % groups];
        }
        for (int j = 0; j < steps.steps; j++) {
            double t = steps.time[j];
            for (int e = steps.start[j]; e < steps.start[j + 1]; e++) {
                builderOfCell[steps.cell[e]].add(t, steps.events[e], steps.censored[e]);
            }
        }
        SurvivalCurve[] curves = new SurvivalCurve[groups];
        for (int g = 0; g < groups; g++) {
            curves[g] = builders[g].build(confType, confLevel);
        }
        return curves;
    }

    /** One group's curve, grown a time at a time in increasing order. */
    private static final class CurveBuilder {
        private final int patients;
        private final double[] time;
        private final int[] nRisk;
        private final int[] nEvent;
        private final int[] nCensor;
        private final double[] survival;
        private final double[] logVariance;
        private int points;
        private int atRisk;
        private double surv = 1;
        private double variance;

        /** @param maxPoints a bound on the curve's points: its patients, or the sample's times */
        CurveBuilder(int patients, int maxPoints) {
            this.patients = patients;
            this.atRisk = patients;
            time = new double[maxPoints];
            nRisk = new int[maxPoints];
            nEvent = new int[maxPoints];
            nCensor = new int[maxPoints];
            survival = new double[maxPoints];
            logVariance = new double[maxPoints];
        }

        void add(double t, int events, int censorings) {
            if (points == 0 || t != time[points - 1]) {
                if (points > 0) {
                    closeLastPoint();
                }
                time[points] = t;
                nRisk[points] = atRisk;
                points++;
            }
            nEvent[points - 1] += events;
            nCensor[points - 1] += censorings;
        }

        /** S and Greenwood's variance of −log S after the last point's events. */
        private void closeLastPoint() {
            int last = points - 1;
            int d = nEvent[last];
            double r = atRisk;
            // No branch on d > 0 (unpredictable with distinct times): with d = 0 S is multiplied
            // by exactly 1 and the variance gains exactly 0; with d = r S becomes 0 and the
            // variance d / 0 = +infinity, R's NA standard error at S = 0.
            surv *= (r - d) / r;
            variance += d / (r * (r - d));
            survival[last] = surv;
            logVariance[last] = variance;
            atRisk -= d + nCensor[last];
        }

        SurvivalCurve build(ConfType confType, double confLevel) {
            if (points > 0) {
                closeLastPoint();
            }
            return new SurvivalCurve(patients, confType, confLevel, points, time, nRisk, nEvent,
                    nCensor, survival, logVariance);
        }
    }
}
