package io.oncosurv.stats;

/**
 * The sums of {@link LogRank}, at O(1) per time and O(groups) per cell leaving at it, rather
 * than O(groups²) per time. Per stratum and distinct time t with d events among n at risk, and
 * weight w:
 * a_t = w·d/n, c_t = w²·d(n−d)/(n(n−1)) and e_t = c_t/n (with a partner weighting v, c_t uses
 * w·v, which gives the covariance of two weighted statistics, for MaxCombo). Then
 * E_g = Σ_t a_t·n_g(t), V_gh = −Σ_t e_t·n_g(t)·n_h(t) for g ≠ h, and, since Σ_h n_h = n,
 * V_gg = Σ_t c_t·n_g(t) − Σ_t e_t·n_g(t)² = −Σ_{h≠g} V_gh (so the diagonal is a sum of
 * positive terms, without cancellation).
 *
 * <p>A patient of g leaving at T is at risk at every t ≤ T, so E_g is the sum over g's patients
 * of A(T) = Σ_{t≤T} a_t, and Σ_t e_t·n_g(t)·n_h(t) the sum over g's patients of
 * F_h(T) = Σ_{t≤T} e_t·n_h(t): running totals, read as patients leave. F_h is not summed at
 * every time: n_h is constant between h's departures, so F_h(T) is its value at h's last
 * departure plus n_h times the growth of E(T) = Σ_{t≤T} e_t since then.
 *
 * <p>One stratum of up to three groups (two arms; a three-level biomarker such as LIPI or PD-L1
 * TPS) takes R's own per-time sums instead, in registers ({@link #addFewGroups}): with so few
 * groups they are fewer operations than the running totals, and need no branch on the group.
 */
final class LogRankSums {

    private final int groups;
    private final Weighting weighting;
    private final Weighting partner;
    private final boolean constantWeights; // both 1 everywhere: no survival to follow
    final double[] observed;
    private final double[] expected;
    private final double[] pairSum; // Σ e_t·n_g(t)·n_h(t) at [g * groups + h], g < h
    private final int[] atRisk; // per cell
    private final int[] pooledAtRisk; // per stratum
    private final double[] pooledSurvival; // per stratum, Kaplan–Meier just before the time
    private final double[] petoSurvival; // per stratum, Peto's Π(1 − d/(n+1)) before the time
    private final double[] runningA; // per stratum: A(t)
    private final double[] runningE; // per stratum: Σ_{u≤t} e_u
    // F_h(t) = fAtChange[h] + n_h·(E(t) − eAtChange[h]): n_h is constant since h last changed
    private final double[] fAtChange; // per cell
    private final double[] eAtChange; // per cell

    LogRankSums(SurvivalSample sample, Weighting weighting, Weighting partner) {
        this.groups = sample.groups();
        this.weighting = weighting;
        this.partner = partner;
        this.constantWeights = weighting.isConstant() && partner.isConstant();
        int strata = sample.strata();
        int cells = strata * groups;
        observed = new double[groups];
        expected = new double[groups];
        pairSum = new double[groups * groups];
        atRisk = new int[cells];
        pooledAtRisk = new int[strata];
        pooledSurvival = new double[strata];
        petoSurvival = new double[strata];
        runningA = new double[strata];
        runningE = new double[strata];
        fAtChange = new double[cells];
        eAtChange = new double[cells];
        for (int s = 0; s < strata; s++) {
            pooledSurvival[s] = 1;
            petoSurvival[s] = 1;
            for (int g = 0; g < groups; g++) {
                atRisk[s * groups + g] = sample.cellSize(g, s);
                pooledAtRisk[s] += sample.cellSize(g, s);
            }
        }
    }

    /**
     * Adds every time of every stratum; called once per object (the running state is not kept
     * for a second call). One loop with the body inline: a call per time (too large to inline)
     * cost more than the arithmetic.
     */
    void addAll(TimeSteps steps) {
        if (pooledAtRisk.length == 1 && groups <= 3) {
            addFewGroups(steps);
            return;
        }
        int[] start = steps.start;
        int[] cellOf = steps.cell;
        int[] events = steps.events;
        int[] censored = steps.censored;
        int k = groups;
        int entry = 0;
        for (int j = 0; j < steps.steps; j++) {
            int stepEnd = start[j + 1];
            while (entry < stepEnd) {
                // a step's entries are in cell order, so each stratum's cells come together
                int s = cellOf[entry] / k;
                int base = s * k;
                int runEnd = entry + 1;
                int d = events[entry];
                int leaving = d + censored[entry];
                while (runEnd < stepEnd && cellOf[runEnd] < base + k) {
                    d += events[runEnd];
                    leaving += events[runEnd] + censored[runEnd];
                    runEnd++;
                }
                // No branch on d > 0: at a time with only censorings every term below is
                // exactly 0 (and the pooled survival is multiplied by exactly 1).
                double n = pooledAtRisk[s];
                double weight = 1;
                double partnerWeight = 1;
                if (!constantWeights) {
                    double petoAt = petoSurvival[s] * (1 - d / (n + 1));
                    petoSurvival[s] = petoAt;
                    weight = weighting.at(n, d, pooledSurvival[s], petoAt);
                    partnerWeight = partner == weighting ? weight
                            : partner.at(n, d, pooledSurvival[s], petoAt);
                    pooledSurvival[s] *= (n - d) / n;
                }
                // One division for the three terms. With n = 1, d(n − d) is 0, so e is 0 as
                // it should be, and m = 1 keeps a = w·d/n finite.
                double m = Math.max(n - 1, 1);
                double q = 1 / (n * n * m);
                double e = weight * partnerWeight * d * (n - d) * q;
                double a = runningA[s] + weight * d * (n * m * q);
                runningA[s] = a;
                double runE = runningE[s] + e;
                runningE[s] = runE;
                for (; entry < runEnd; entry++) {
                    int cell = cellOf[entry];
                    int g = cell - base;
                    int left = events[entry] + censored[entry];
                    observed[g] += weight * events[entry];
                    expected[g] += left * a;
                    for (int h = g + 1; h < k; h++) {
                        int other = base + h;
                        pairSum[g * k + h] += left
                                * (fAtChange[other] + atRisk[other] * (runE - eAtChange[other]));
                    }
                    fAtChange[cell] += atRisk[cell] * (runE - eAtChange[cell]);
                    eAtChange[cell] = runE;
                    atRisk[cell] -= left;
                }
                pooledAtRisk[s] -= leaving;
            }
        }
    }

    /**
     * One stratum of at most three groups (two arms, a three-level biomarker), the case worth a
     * loop of its own: R's own sums, E_g += a_t·n_g(t) and Σ e_t·n_g(t)·n_h(t) for the three
     * pairs, in registers and without a loop per time over the groups. With continuous times a
     * step has one entry; the loop is written so that the rare step of several entries costs a
     * branch and not a data-dependent inner loop (which made the whole loop 2.5 times slower).
     */
    private void addFewGroups(TimeSteps steps) {
        int[] start = steps.start;
        int[] cellOf = steps.cell;
        int[] events = steps.events;
        int[] censored = steps.censored;
        double[] nAt = new double[3]; // groups beyond k stay at 0 and add 0 to every sum
        for (int g = 0; g < groups; g++) {
            nAt[g] = atRisk[g];
        }
        double[] seen = new double[3]; // observed, weighted
        double e0 = 0;
        double e1 = 0;
        double e2 = 0;
        double p01 = 0;
        double p02 = 0;
        double p12 = 0;
        int pooled = pooledAtRisk[0];
        double km = pooledSurvival[0];
        double peto = petoSurvival[0];
        int entry = 0;
        for (int j = 0; j < steps.steps; j++) {
            int stepEnd = start[j + 1];
            int g = cellOf[entry];
            int d = events[entry];
            int leaving = d + censored[entry];
            boolean oneEntry = stepEnd - entry == 1;
            if (!oneEntry) {
                for (int other = entry + 1; other < stepEnd; other++) {
                    d += events[other];
                    leaving += events[other] + censored[other];
                }
            }
            double n = pooled;
            double weight = 1;
            double partnerWeight = 1;
            if (!constantWeights) {
                peto *= 1 - d / (n + 1);
                weight = weighting.at(n, d, km, peto);
                partnerWeight = partner == weighting ? weight : partner.at(n, d, km, peto);
                km *= (n - d) / n;
            }
            double m = Math.max(n - 1, 1);
            double q = 1 / (n * n * m);
            double e = weight * partnerWeight * d * (n - d) * q;
            double a = weight * d * (n * m * q);
            double n0 = nAt[0];
            double n1 = nAt[1];
            double n2 = nAt[2];
            e0 += a * n0;
            e1 += a * n1;
            e2 += a * n2;
            p01 += e * n0 * n1;
            p02 += e * n0 * n2;
            p12 += e * n1 * n2;
            if (oneEntry) {
                seen[g] += weight * d;
                nAt[g] -= leaving;
            } else {
                for (int other = entry; other < stepEnd; other++) {
                    int c = cellOf[other];
                    seen[c] += weight * events[other];
                    nAt[c] -= events[other] + censored[other];
                }
            }
            pooled -= leaving;
            entry = stepEnd;
        }
        double[] sums = {e0, e1, e2};
        double[][] pairs = {{0, p01, p02}, {0, 0, p12}};
        for (int g = 0; g < groups; g++) {
            observed[g] += seen[g];
            expected[g] += sums[g];
            for (int h = g + 1; h < groups; h++) {
                pairSum[g * groups + h] += pairs[g][h];
            }
        }
    }

    double[] expected() {
        return expected;
    }

    double[][] variance() {
        double[][] v = new double[groups][groups];
        for (int g = 0; g < groups; g++) {
            for (int h = g + 1; h < groups; h++) {
                double pair = pairSum[g * groups + h];
                v[g][h] = -pair;
                v[h][g] = -pair;
                v[g][g] += pair;
                v[h][h] += pair;
            }
        }
        return v;
    }
}
