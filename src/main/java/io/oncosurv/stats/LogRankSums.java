package io.oncosurv.stats;

/**
 * The sums of {@link LogRank}, kept so that a time costs O(cells leaving at it) rather than O(k²).
 * Per stratum s and distinct time t with d events among n at risk, weight w:
 * a_t = w·d/n, c_t = w²·d(n−d)/(n(n−1)), e_t = c_t/n. With a partner weighting v, c_t uses w·v
 * instead of w², which gives the covariance of two weighted statistics (for MaxCombo). Then E_g = Σ a_t·n_g(t),
 * V_gg = Σ c_t·n_g(t) − Σ e_t·n_g(t)², V_gh = −Σ e_t·n_g(t)·n_h(t). Since n_g only changes
 * when a patient of g leaves, running totals of a, c and e per stratum are kept, and a group's
 * terms are settled (count × change of the total since its last settlement) just before its
 * count changes, and once at the end.
 */
final class LogRankSums {

    private final int groups;
    private final Weighting weighting;
    private final Weighting partner;
    final double[] observed;
    private final double[] expected;
    private final double[] hazardSum; // Σ c_t·n_g(t), per group
    private final double[] pairSum; // Σ e_t·n_g(t)·n_h(t), per g <= h, row-major k × k
    private final int[] pairIndex; // (g, h) -> index of (min, max) in pairSum, without a branch
    private final int[] atRisk; // per cell
    private final int[] pooledAtRisk; // per stratum
    private final double[] pooledSurvival; // per stratum, Kaplan–Meier just before the time
    private final double[] petoSurvival; // per stratum, Peto's Π(1 − d/(n+1)) before the time
    private final double[] totalA; // per stratum
    private final double[] totalC;
    private final double[] totalE;
    private final double[] settledA; // per cell: totalA at its last settlement
    private final double[] settledC;
    private final double[] settledE; // per stratum × k × k

    LogRankSums(SurvivalSample sample, Weighting weighting) {
        this(sample, weighting, weighting);
    }

    LogRankSums(SurvivalSample sample, Weighting weighting, Weighting partner) {
        this.groups = sample.groups();
        this.weighting = weighting;
        this.partner = partner;
        int strata = sample.strata();
        int cells = strata * groups;
        observed = new double[groups];
        expected = new double[groups];
        hazardSum = new double[groups];
        pairSum = new double[groups * groups];
        pairIndex = new int[groups * groups];
        for (int g = 0; g < groups; g++) {
            for (int h = 0; h < groups; h++) {
                pairIndex[g * groups + h] = Math.min(g, h) * groups + Math.max(g, h);
            }
        }
        atRisk = new int[cells];
        pooledAtRisk = new int[strata];
        pooledSurvival = new double[strata];
        petoSurvival = new double[strata];
        totalA = new double[strata];
        totalC = new double[strata];
        totalE = new double[strata];
        settledA = new double[cells];
        settledC = new double[cells];
        settledE = new double[strata * groups * groups];
        for (int s = 0; s < strata; s++) {
            pooledSurvival[s] = 1;
            petoSurvival[s] = 1;
            for (int g = 0; g < groups; g++) {
                atRisk[s * groups + g] = sample.cellSize(g, s);
                pooledAtRisk[s] += sample.cellSize(g, s);
            }
        }
    }

    /** One distinct time of one stratum: entries {@code from .. to-1} of the steps. */
    void addTime(TimeSteps steps, int s, int from, int to) {
        int d = 0;
        int leaving = 0;
        for (int e = from; e < to; e++) {
            d += steps.events[e];
            leaving += steps.events[e] + steps.censored[e];
        }
        // No branch on d > 0: at a time with only censorings every term below is exactly 0
        // (and the pooled survival is multiplied by exactly 1).
        double n = pooledAtRisk[s];
        double petoAt = petoSurvival[s] * (1 - d / (n + 1));
        double weight = weighting.at(n, d, pooledSurvival[s], petoAt);
        double partnerWeight = partner == weighting ? weight
                : partner.at(n, d, pooledSurvival[s], petoAt);
        for (int e = from; e < to; e++) {
            observed[steps.cell[e] - s * groups] += weight * steps.events[e];
        }
        totalA[s] += weight * d / n;
        if (n > 1) {
            double c = weight * partnerWeight * d * (n - d) / (n * (n - 1));
            totalC[s] += c;
            totalE[s] += c / n;
        }
        pooledSurvival[s] *= (n - d) / n;
        petoSurvival[s] = petoAt;
        for (int e = from; e < to; e++) {
            int cell = steps.cell[e];
            settle(s, cell - s * groups);
            atRisk[cell] -= steps.events[e] + steps.censored[e];
        }
        pooledAtRisk[s] -= leaving;
    }

    /** Adds group g's terms in stratum s since its last settlement, at its current count. */
    private void settle(int s, int g) {
        int base = s * groups;
        int cell = base + g;
        double n = atRisk[cell];
        expected[g] += n * (totalA[s] - settledA[cell]);
        settledA[cell] = totalA[s];
        hazardSum[g] += n * (totalC[s] - settledC[cell]);
        settledC[cell] = totalC[s];
        double e = totalE[s];
        int pairs = s * groups * groups;
        int row = g * groups;
        for (int h = 0; h < groups; h++) {
            int pair = pairIndex[row + h];
            pairSum[pair] += n * atRisk[base + h] * (e - settledE[pairs + pair]);
            settledE[pairs + pair] = e;
        }
    }

    void settleAll() {
        for (int s = 0; s < pooledAtRisk.length; s++) {
            for (int g = 0; g < groups; g++) {
                settle(s, g);
            }
        }
    }

    double[] expected() {
        return expected;
    }

    double[][] variance() {
        double[][] v = new double[groups][groups];
        for (int g = 0; g < groups; g++) {
            v[g][g] = hazardSum[g] - pairSum[g * groups + g];
            for (int h = g + 1; h < groups; h++) {
                v[g][h] = -pairSum[g * groups + h];
                v[h][g] = v[g][h];
            }
        }
        return v;
    }
}
