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
        int[] groupOfCell = new int[groups * sample.strata()];
        for (int c = 0; c < groupOfCell.length; c++) {
            groupOfCell[c] = c % groups;
        }
        int[] start = steps.start;
        int[] cell = steps.cell;
        int[] events = steps.events;
        int[] censored = steps.censored;
        int entry = 0;
        for (int j = 0; j < steps.steps; j++) {
            int stepEnd = start[j + 1];
            if (stepEnd - entry == 1) {
                // one cell leaving (every time, when times are continuous): no inner loop, which
                // would keep the compiler from overlapping consecutive times
                builders[groupOfCell[cell[entry]]].append(steps.time[j], events[entry],
                        censored[entry]);
            } else {
                for (int e = entry; e < stepEnd; e++) {
                    builders[groupOfCell[cell[e]]].add(steps.time[j], events[e], censored[e]);
                }
            }
            entry = stepEnd;
        }
        SurvivalCurve[] curves = new SurvivalCurve[groups];
        for (int g = 0; g < groups; g++) {
            curves[g] = builders[g].build(confType, confLevel);
        }
        return curves;
    }

    /**
     * One group's curve: its times and counts gathered in increasing time order, then S and the
     * variance in one pass over them (a tight loop on one group's arrays, rather than three
     * groups' running products interleaved).
     */
    private static final class CurveBuilder {
        private final int patients;
        private final double[] time;
        private final int[] nEvent;
        private final int[] nCensor;
        private int points;

        /** @param maxPoints a bound on the curve's points: its patients, or the sample's times */
        CurveBuilder(int patients, int maxPoints) {
            this.patients = patients;
            time = new double[maxPoints];
            nEvent = new int[maxPoints];
            nCensor = new int[maxPoints];
        }

        /** Patients leaving at a time after the last point's. */
        void append(double t, int events, int censorings) {
            int p = points;
            time[p] = t;
            nEvent[p] = events;
            nCensor[p] = censorings;
            points = p + 1;
        }

        /** Patients leaving at time t, which may be the last point's time (strata add up). */
        void add(double t, int events, int censorings) {
            int p = points;
            if (p == 0 || t != time[p - 1]) {
                append(t, events, censorings);
            } else {
                nEvent[p - 1] += events;
                nCensor[p - 1] += censorings;
            }
        }

        SurvivalCurve build(ConfType confType, double confLevel) {
            int size = points;
            int[] nRisk = new int[size];
            double[] survival = new double[size];
            double[] logVariance = new double[size];
            int atRisk = patients;
            double surv = 1;
            double variance = 0;
            for (int p = 0; p < size; p++) {
                int d = nEvent[p];
                double r = atRisk;
                // No branch on d > 0 (unpredictable with distinct times): with d = 0 S is
                // multiplied by exactly 1 and the variance gains exactly 0; with d = r S becomes
                // 0 and the variance d / 0 = +infinity, R's NA standard error at S = 0.
                surv *= (r - d) / r;
                variance += d / (r * (r - d));
                nRisk[p] = atRisk;
                survival[p] = surv;
                logVariance[p] = variance;
                atRisk -= d + nCensor[p];
            }
            return new SurvivalCurve(patients, confType, confLevel, size, time, nRisk, nEvent,
                    nCensor, survival, logVariance);
        }
    }
}
