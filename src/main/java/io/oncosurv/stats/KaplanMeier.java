package io.oncosurv.stats;

/**
 * The Kaplan–Meier estimator with Greenwood standard errors and pointwise confidence limits, as
 * R's {@code survfit(Surv(time, event) ~ group)} with {@code stype = 1, ctype = 1}.
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
        RiskTables tables = RiskTables.builder(time, event).groups(group, groups).build();
        return fitGroups(tables, confType, confLevel);
    }

    /** Fits one curve per group of tables already built (e.g. shared with a log-rank test). */
    public static SurvivalCurve[] fitGroups(RiskTables tables, ConfType confType,
            double confLevel) {
        SurvivalCurve[] curves = new SurvivalCurve[tables.groups()];
        for (int g = 0; g < curves.length; g++) {
            curves[g] = fit(tables.group(g), confType, confLevel);
        }
        return curves;
    }

    /** Fits one curve to all patients, with R's defaults. */
    public static SurvivalCurve fit(double[] time, boolean[] event) {
        return fit(RiskTables.builder(time, event).build().group(0), RDefaults.CONF_TYPE,
                RDefaults.CONF_LEVEL);
    }

    /** Fits the curve of one risk table. */
    public static SurvivalCurve fit(RiskTable table, ConfType confType, double confLevel) {
        double z = ConfidenceBand.zValue(confLevel);
        int m = table.size();
        double[] time = table.timesShared();
        int[] nEvent = table.eventsShared();
        int[] nCensor = table.censoredShared();
        int[] nRisk = new int[m];
        double[] survival = new double[m];
        double[] stdErr = new double[m];
        double[] cumHaz = new double[m];
        double[] stdCumHaz = new double[m];
        double[] lower = new double[m];
        double[] upper = new double[m];

        int atRisk = table.patients();
        double surv = 1;
        double greenwood = 0; // variance of -log S
        double hazard = 0;
        double hazardVariance = 0;
        for (int i = 0; i < m; i++) {
            int d = nEvent[i];
            nRisk[i] = atRisk;
            if (d > 0) {
                double r = atRisk;
                surv *= (r - d) / r;
                greenwood += atRisk > d ? d / (r * (r - d)) : Double.POSITIVE_INFINITY;
                hazard += d / r;
                hazardVariance += d / (r * r);
            }
            double sigma = Math.sqrt(greenwood);
            survival[i] = surv;
            stdErr[i] = surv * sigma;
            cumHaz[i] = hazard;
            stdCumHaz[i] = Math.sqrt(hazardVariance);
            lower[i] = ConfidenceBand.lower(confType, surv, sigma, z);
            upper[i] = ConfidenceBand.upper(confType, surv, sigma, z);
            atRisk -= d + nCensor[i];
        }
        return new SurvivalCurve(table.patients(), confType, confLevel, time, nRisk, nEvent,
                nCensor, survival, stdErr, cumHaz, stdCumHaz, lower, upper);
    }
}
