package io.oncosurv.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cox proportional-hazards regression by Newton–Raphson on the partial likelihood, following R
 * survival's {@code coxph} (C routine {@code coxfit6}) step for step, so that even a model whose
 * likelihood has no maximum (a group without events: a coefficient heading to −∞) stops where R
 * stops, with R's finite answer and R's warning. Covariates are centred and scaled while
 * iterating (the answer does not depend on it); ties by Efron (R's default) or Breslow; strata
 * each have their own baseline hazard. Defaults are R's {@code coxph.control}: at most 20
 * iterations, convergence when the relative change of the log-likelihood is at most 1e-9.
 */
public final class CoxModel {

    private static final int MAX_ITERATIONS = 20;
    private static final double EPS = 1e-9;
    private static final double CHOLESKY_TOLERANCE = Math.pow(RDefaults.MACHINE_EPSILON, 0.75);
    private static final double INFINITE_TOLERANCE = Math.sqrt(EPS);
    /** Below this share of the largest, a combination weight is rounding of an exact 0. */
    private static final double COMBINATION_ROUNDING = 1e-8;
    /**
     * Counting data: when the running risk sum falls below this share of the risks added to it,
     * about 20 of its 53 bits are cancellation, so the sums are recomputed over the rows at risk.
     */
    private static final double DRIFT = 0x1p-20;

    /** The reason a model without events has no coefficients (R answers NA silently). */
    public static final String NO_EVENTS = "No events in the data: the coefficients cannot be "
            + "estimated (NA in R)";

    private CoxModel() {
    }

    /**
     * A test on df degrees of freedom; on 0 df (every column redundant) R's
     * {@code pchisq(x, 0, lower.tail = FALSE)}: 1 at 0, else 0.
     */
    private static ChiSquareTest testOnDf(double statistic, int df) {
        return df > 0 ? ChiSquareTest.of(statistic, df)
                : new ChiSquareTest(statistic, 0, statistic > 0 ? 0 : 1);
    }

    /**
     * @param covariates one array per term, one value per patient (finite)
     * @param stratum    stratum codes 0..strata-1, or null for one stratum
     */
    public static CoxResult fit(double[] time, boolean[] event, double[][] covariates,
            int[] stratum, int strata, CoxTies ties) {
        return fit(null, time, event, covariates, stratum, strata, ties);
    }

    /**
     * With case weights, as R's {@code coxph(..., weights = w)} (coxfit6): each row's risk, score
     * and log-likelihood terms are multiplied by its weight, Efron's tied deaths share their mean
     * weight, and covariates are centred by the weighted mean. Weights of 1 give the unweighted
     * fit bit for bit. Right-censored data only.
     *
     * @param weights one positive finite weight per patient, or null for weights 1
     */
    public static CoxResult fit(double[] time, boolean[] event, double[] weights,
            double[][] covariates, int[] stratum, int strata, CoxTies ties) {
        if (weights == null) {
            return fit(time, event, covariates, stratum, strata, ties);
        }
        checkWeights(weights, time.length);
        return fit(null, time, event, weights, covariates, stratum, strata, ties);
    }

    /** One positive finite weight per patient (R: "Invalid weights, must be >0"). */
    static void checkWeights(double[] weights, int n) {
        if (weights.length != n) {
            throw new IllegalArgumentException("weights has " + weights.length + " values for "
                    + n + " patients");
        }
        for (int i = 0; i < n; i++) {
            if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weight of patient " + i + " is "
                        + weights[i] + ": weights must be positive and finite");
            }
        }
    }

    /**
     * Counting-process (start, stop] data, as R's {@code coxph(Surv(entry, exit, event) ~ ...)}:
     * row i is at risk at an event time t iff {@code entry[i] < t <= time[i]}, so delayed entry
     * (left truncation) and rows of a patient split at changes of a time-dependent covariate get
     * their correct risk sets; an entry equal to an event time is not at risk at that time.
     *
     * @param entry entry times (finite, >= 0, each below its exit time), or null for
     *              right-censored data (everyone at risk from time 0)
     */
    public static CoxResult fit(double[] entry, double[] time, boolean[] event,
            double[][] covariates, int[] stratum, int strata, CoxTies ties) {
        return fit(entry, time, event, null, covariates, stratum, strata, ties);
    }

    private static CoxResult fit(double[] entry, double[] time, boolean[] event,
            double[] weights, double[][] covariates, int[] stratum, int strata, CoxTies ties) {
        int n = time.length;
        int p = covariates.length;
        if (p == 0) {
            throw new IllegalArgumentException("a Cox model needs at least one covariate");
        }
        for (int k = 0; k < p; k++) {
            if (covariates[k].length != n) {
                throw new IllegalArgumentException("covariate " + k + " has "
                        + covariates[k].length + " values for " + n + " patients");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(covariates[k][i])) {
                    throw new IllegalArgumentException("covariate " + k + " of patient " + i
                            + " is " + covariates[k][i] + ": values must be finite");
                }
            }
        }
        if (event.length != n || (stratum != null && stratum.length != n)) {
            throw new IllegalArgumentException("time, event and stratum must have one value "
                    + "per patient");
        }
        if (entry != null) {
            checkEntries(entry, time);
        }
        int events = 0;
        for (boolean e : event) {
            events += e ? 1 : 0;
        }
        if (events == 0) {
            return withoutEvents(n, p, ties);
        }
        if (entry != null) {
            return fitCounting(entry, time, event, covariates, stratum, strata, ties, events);
        }
        double[] tied = NearTies.resolve(time); // coxph applies aeqSurv too
        int[] order = order(tied, stratum, strata);
        CoxData data = sorted(order, tied, event, covariates, stratum);
        if (weights != null) {
            for (int r = 0; r < n; r++) {
                data.weight[r] = weights[order[r]];
            }
        }
        return new Iteration(data, ties).run(n, events);
    }

    /** Entry times: one per row, finite, >= 0 and below the row's exit time. */
    private static void checkEntries(double[] entry, double[] time) {
        int n = time.length;
        if (entry.length != n) {
            throw new IllegalArgumentException("entry has " + entry.length + " values for " + n
                    + " patients");
        }
        for (int i = 0; i < n; i++) {
            if (!(entry[i] >= 0) || !Double.isFinite(entry[i]) || !(entry[i] < time[i])) {
                throw new IllegalArgumentException("row " + i + ": entry time " + entry[i]
                        + " must be >= 0 and below the exit time " + time[i]
                        + " (R: Stop time must be > start time)");
            }
        }
    }

    /** Rows by stratum and exit time, plus the sweep's removal order by entry time. */
    private static CoxResult fitCounting(double[] entry, double[] time, boolean[] event,
            double[][] covariates, int[] stratum, int strata, CoxTies ties, int events) {
        int n = time.length;
        // coxph's aeqSurv rounds entry and exit times together, on their common distinct values
        double[] both = new double[2 * n];
        System.arraycopy(entry, 0, both, 0, n);
        System.arraycopy(time, 0, both, n, n);
        double[] tiedBoth = NearTies.resolve(both);
        double[] tiedEntry = Arrays.copyOfRange(tiedBoth, 0, n);
        double[] tied = Arrays.copyOfRange(tiedBoth, n, 2 * n);
        for (int i = 0; i < n; i++) {
            if (tiedEntry[i] == tied[i]) {
                throw new IllegalArgumentException("row " + i + ": entry " + entry[i]
                        + " and exit " + time[i] + " are the same time within R's tie "
                        + "tolerance (aeqSurv: an interval has effective length 0)");
            }
        }
        int[] order = order(tied, stratum, strata);
        CoxData data = sorted(order, tied, event, covariates, stratum);
        data.entry = new double[n];
        data.byEntry = new int[n];
        data.stratumOf = new int[n];
        int[] position = new int[n];
        for (int r = 0; r < n; r++) {
            position[order[r]] = r;
            data.entry[r] = tiedEntry[order[r]];
        }
        int[] byEntry = order(tiedEntry, stratum, strata);
        for (int r = 0; r < n; r++) {
            data.byEntry[r] = position[byEntry[r]];
            data.stratumOf[r] = stratum == null ? 0 : stratum[order[r]];
        }
        return new Iteration(data, ties).run(n, events);
    }

    /** The rows in {@code order}: times, statuses, stratum ends and covariates. */
    private static CoxData sorted(int[] order, double[] tied, boolean[] event,
            double[][] covariates, int[] stratum) {
        int n = order.length;
        int p = covariates.length;
        CoxData data = new CoxData(n, p);
        for (int r = 0; r < n; r++) {
            int i = order[r];
            data.time[r] = tied[i];
            data.status[r] = event[i];
            data.lastOfStratum[r] = stratum != null && r + 1 < n
                    && stratum[order[r + 1]] != stratum[i];
            for (int k = 0; k < p; k++) {
                data.covar[k][r] = covariates[k][i];
            }
        }
        data.lastOfStratum[n - 1] = true;
        return data;
    }

    /**
     * No events, so nothing to estimate: R's coxph answers at once (before iterating) with
     * coefficients NA, a zero variance matrix, log-likelihoods 0, no iterations, and every test 0
     * on 0 df with p 1; we add the reason as a warning.
     */
    private static CoxResult withoutEvents(int n, int p, CoxTies ties) {
        double[] coef = new double[p];
        Arrays.fill(coef, Double.NaN);
        ChiSquareTest none = new ChiSquareTest(0, 0, 1);
        return new CoxResult(ties, n, 0, coef, new double[p][p], 0, 0, 0, none, none, none,
                List.of(NO_EVENTS));
    }

    /** Patients by stratum, then by time, ascending (R's {@code order(strata, time)}). */
    private static int[] order(double[] time, int[] stratum, int strata) {
        int[] byTime = TimeOrder.of(time);
        if (stratum == null) {
            return byTime;
        }
        int[] start = new int[strata + 1];
        for (int s : stratum) {
            if (s < 0 || s >= strata) {
                throw new IllegalArgumentException("stratum codes must be in 0.." + (strata - 1));
            }
            start[s + 1]++;
        }
        for (int s = 0; s < strata; s++) {
            start[s + 1] += start[s];
        }
        int[] order = new int[time.length];
        for (int i : byTime) {
            order[start[stratum[i]]++] = i;
        }
        return order;
    }

    /** Sorted, centred and scaled data, as coxfit6 holds it. */
    private static final class CoxData {
        final double[] time;
        final boolean[] status;
        final boolean[] lastOfStratum;
        final double[][] covar;
        /** Case weights in sorted order (1 when none are given). */
        final double[] weight;
        final double[] scale;
        /** Entry times, or null for right-censored data (everyone at risk from time 0). */
        double[] entry;
        /** Sorted positions by stratum, then entry time, ascending (the sweep reads it back). */
        int[] byEntry;
        /** The stratum code of each sorted position (counting data only). */
        int[] stratumOf;

        CoxData(int n, int p) {
            time = new double[n];
            status = new boolean[n];
            lastOfStratum = new boolean[n];
            covar = new double[p][n];
            weight = new double[n];
            Arrays.fill(weight, 1.0);
            scale = new double[p];
        }

        /**
         * As coxph (nocenter = c(-1, 0, 1)): a column whose values are all -1, 0 or 1 (a factor's
         * indicator) is left as it is; the others are centred and scaled. The answer does not
         * depend on it in exact arithmetic, but the Newton path does in floating point, and on a
         * flat likelihood (a coefficient heading to infinity) so does where R stops.
         */
        void centreAndScale() {
            int n = time.length;
            for (int k = 0; k < covar.length; k++) {
                if (zeroOne(covar[k])) {
                    scale[k] = 1.0;
                    continue;
                }
                // coxfit6: weighted mean and mean absolute deviation (weights 1: plain ones)
                double totalWeight = 0;
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    totalWeight += weight[i];
                    mean += weight[i] * covar[k][i];
                }
                mean /= totalWeight;
                double absolute = 0;
                for (int i = 0; i < n; i++) {
                    covar[k][i] -= mean;
                    absolute += weight[i] * Math.abs(covar[k][i]);
                }
                scale[k] = absolute > 0 ? totalWeight / absolute : 1.0;
                for (int i = 0; i < n; i++) {
                    covar[k][i] *= scale[k];
                }
            }
        }
    }

    private static boolean zeroOne(double[] column) {
        for (double v : column) {
            if (v != 0 && v != 1 && v != -1) {
                return false;
            }
        }
        return true;
    }

    /** The Newton–Raphson loop of coxfit6, with its step halving. */
    private static final class Iteration {
        private final CoxData data;
        private final CoxTies ties;
        private final int p;
        private final double[] u;
        private final double[][] imat;

        Iteration(CoxData data, CoxTies ties) {
            this.data = data;
            this.ties = ties;
            this.p = data.covar.length;
            this.u = new double[p];
            this.imat = new double[p][p];
        }

        CoxResult run(int n, int events) {
            data.centreAndScale();
            double[] beta = new double[p];
            double loglikNull = logLikelihood(beta);
            double[] score0 = u.clone();
            Cholesky chol = new Cholesky(imat, CHOLESKY_TOLERANCE);
            double[] step = chol.solve(score0);
            double scoreTest = 0;
            for (int i = 0; i < p; i++) {
                scoreTest += score0[i] * step[i];
            }
            double best = loglikNull;
            double[] newBeta = new double[p];
            for (int i = 0; i < p; i++) {
                newBeta[i] = beta[i] + step[i];
            }
            int halving = 0;
            int iterations;
            boolean converged = false;
            double[][] variance = null;
            double finalLoglik = best;
            for (iterations = 1; iterations <= MAX_ITERATIONS; iterations++) {
                double newLoglik = logLikelihood(newBeta);
                chol = new Cholesky(imat, CHOLESKY_TOLERANCE);
                boolean finite = Double.isFinite(newLoglik) && allFinite(u) && allFinite(imat);
                if (finite && Math.abs(1 - best / newLoglik) <= EPS) {
                    finalLoglik = newLoglik;
                    System.arraycopy(newBeta, 0, beta, 0, p);
                    variance = chol.inverse();
                    converged = true;
                    break;
                }
                if (!finite || newLoglik < best) {
                    halving++;
                    for (int i = 0; i < p; i++) {
                        newBeta[i] = (newBeta[i] + halving * beta[i]) / (halving + 1.0);
                    }
                } else {
                    halving = 0;
                    best = newLoglik;
                    double[] delta = chol.solve(u);
                    for (int i = 0; i < p; i++) {
                        beta[i] = newBeta[i];
                        newBeta[i] = newBeta[i] + delta[i];
                    }
                }
            }
            List<String> warnings = new ArrayList<>();
            if (!converged) {
                iterations = MAX_ITERATIONS;
                finalLoglik = logLikelihood(beta);
                variance = new Cholesky(imat, CHOLESKY_TOLERANCE).inverse();
                warnings.add("Ran out of iterations and did not converge");
                if (maxLinearPredictor(beta) > 500 || !allFinite(u)) { // coxph.fit's check
                    warnings.add("one or more coefficients may be infinite");
                }
            }
            // back to the original scale
            double[] coef = new double[p];
            double[] score = new double[p];
            for (int i = 0; i < p; i++) {
                coef[i] = beta[i] * data.scale[i];
                score[i] = u[i] / data.scale[i];
                for (int j = 0; j < p; j++) {
                    variance[i][j] *= data.scale[i] * data.scale[j];
                }
            }
            // R's check for a coefficient that may be infinite (coxph.fit), redundant ones at 0;
            // only of a converged fit (one that ran out of iterations has its own warnings)
            for (int i = 0; converged && i < p; i++) {
                double inf = 0;
                for (int j = 0; j < p; j++) {
                    inf += score[j] * variance[j][i];
                }
                inf = Math.abs(inf);
                if (inf > EPS && inf > INFINITE_TOLERANCE * Math.abs(coef[i])) {
                    warnings.add("Loglik converged before variable " + (i + 1)
                            + "; coefficient may be infinite.");
                }
            }
            // coxph.fit: a converged fit's zero-variance columns are redundant, NA; a fit that ran
            // out of iterations keeps them at 0 (R's flag 1000). agreg.fit, R's fit of counting
            // data, has no flag 1000: its zero-variance columns are NA either way.
            List<CoxResult.Redundant> redundant = new ArrayList<>();
            boolean[] kept = new boolean[p];
            int df = 0;
            for (int i = 0; i < p; i++) {
                kept[i] = (!converged && data.entry == null) || variance[i][i] != 0;
                if (kept[i]) {
                    df++;
                } else {
                    coef[i] = Double.NaN;
                    redundant.add(new CoxResult.Redundant(i, combinationOf(i, chol)));
                }
            }
            ChiSquareTest wald = df == 0 ? ChiSquareTest.notAvailable()
                    : testOnDf(quadraticForm(coef, variance, kept), df);
            return new CoxResult(ties, n, events, coef, variance, loglikNull, finalLoglik,
                    iterations, testOnDf(2 * (finalLoglik - loglikNull), df),
                    wald, testOnDf(scoreTest, df), warnings, redundant);
        }

        /**
         * The earlier (pivotal) columns a redundant column is a combination of, from the final
         * information I (working scale): w solving I_kk w = I_kj over the kept columns, its
         * components above rounding; none when the column is constant (within strata).
         */
        private List<Integer> combinationOf(int column, Cholesky chol) {
            if (constantWithinStrata(data.covar[column])) {
                return List.of();
            }
            double[] b = new double[p];
            for (int k = 0; k < p; k++) {
                b[k] = imat[k][column];
            }
            double[] w = chol.solve(b);
            double largest = 0;
            for (int k = 0; k < p; k++) {
                if (chol.pivotal(k)) {
                    largest = Math.max(largest, Math.abs(w[k]));
                }
            }
            List<Integer> with = new ArrayList<>();
            for (int k = 0; k < p; k++) {
                if (chol.pivotal(k) && Math.abs(w[k]) > COMBINATION_ROUNDING * largest) {
                    with.add(k);
                }
            }
            return with;
        }

        private boolean constantWithinStrata(double[] column) {
            for (int i = 0; i + 1 < column.length; i++) {
                if (!data.lastOfStratum[i] && column[i] != column[i + 1]) {
                    return false;
                }
            }
            return true;
        }

        /** β'V⁻¹β over the kept columns, as R's coxph.wtest (b²/v for a single one). */
        private double quadraticForm(double[] coef, double[][] variance, boolean[] kept) {
            int m = 0;
            for (boolean k : kept) {
                m += k ? 1 : 0;
            }
            int[] index = new int[m];
            for (int i = 0, a = 0; i < p; i++) {
                if (kept[i]) {
                    index[a++] = i;
                }
            }
            if (m == 1) {
                double b = coef[index[0]];
                return b * b / variance[index[0]][index[0]];
            }
            double[][] sub = new double[m][m];
            double[] b = new double[m];
            for (int a = 0; a < m; a++) {
                b[a] = coef[index[a]];
                for (int c = 0; c < m; c++) {
                    sub[a][c] = variance[index[a]][index[c]];
                }
            }
            double[] solved = new Cholesky(sub, CHOLESKY_TOLERANCE).solve(b);
            double total = 0;
            for (int a = 0; a < m; a++) {
                total += b[a] * solved[a];
            }
            return total;
        }

        /** coxfit6_iter: the log partial likelihood, filling the score u and information imat. */
        private double logLikelihood(double[] beta) {
            double[][] covar = data.covar;
            int n = data.time.length;
            double[] a = new double[p];
            double[] a2 = new double[p];
            double[][] cmat = new double[p][p];
            double[][] cmat2 = new double[p][p];
            for (int i = 0; i < p; i++) {
                u[i] = 0;
                Arrays.fill(imat[i], 0);
            }
            double loglik = 0;
            double denom = 0;
            int leaving = n - 1; // counting data: the next row to leave, down data.byEntry
            int atRisk = 0;
            int stratumEnd = n - 1;
            double mass = 0; // the risks added since the sums last started: what drift scales with
            int changes = 0; // rows added or removed since then: pays for a recomputation
            for (int person = n - 1; person >= 0;) {
                if (data.lastOfStratum[person]) {
                    denom = 0;
                    atRisk = 0;
                    mass = 0;
                    changes = 0;
                    stratumEnd = person;
                    Arrays.fill(a, 0);
                    for (double[] row : cmat) {
                        Arrays.fill(row, 0);
                    }
                }
                double dtime = data.time[person];
                if (data.entry != null) {
                    // rows entering at or after dtime are not at risk at dtime: (entry, exit]
                    int s = data.stratumOf[person];
                    while (leaving >= 0 && data.stratumOf[data.byEntry[leaving]] > s) {
                        leaving--; // a stratum already swept
                    }
                    while (leaving >= 0 && data.stratumOf[data.byEntry[leaving]] == s
                            && data.entry[data.byEntry[leaving]] >= dtime) {
                        int gone = data.byEntry[leaving--];
                        changes++;
                        if (--atRisk == 0) { // as agfit4: an empty risk set restarts at 0
                            denom = 0;
                            mass = 0;
                            Arrays.fill(a, 0);
                            for (double[] row : cmat) {
                                Arrays.fill(row, 0);
                            }
                        } else {
                            denom -= leave(gone, beta, a, cmat);
                        }
                    }
                    if (denom < DRIFT * mass && changes >= stratumEnd - person) {
                        // most of what was added has left: the difference keeps too few bits;
                        // recomputing costs the rows swept, paid for by the changes since
                        denom = sumsAtRisk(person + 1, stratumEnd, dtime, beta, a, cmat);
                        mass = denom;
                        changes = 0;
                    }
                }
                int ndead = 0;
                double deadWeight = 0;
                double denom2 = 0;
                while (person >= 0 && data.time[person] == dtime) {
                    atRisk++;
                    double zbeta = 0;
                    for (int i = 0; i < p; i++) {
                        zbeta += beta[i] * covar[i][person];
                    }
                    double risk = Math.exp(zbeta) * data.weight[person];
                    mass += risk;
                    changes++;
                    if (!data.status[person]) {
                        denom += risk;
                        for (int i = 0; i < p; i++) {
                            a[i] += risk * covar[i][person];
                            for (int j = 0; j <= i; j++) {
                                cmat[i][j] += risk * covar[i][person] * covar[j][person];
                            }
                        }
                    } else {
                        ndead++;
                        deadWeight += data.weight[person];
                        denom2 += risk;
                        loglik += data.weight[person] * zbeta;
                        for (int i = 0; i < p; i++) {
                            u[i] += data.weight[person] * covar[i][person];
                            a2[i] += risk * covar[i][person];
                            for (int j = 0; j <= i; j++) {
                                cmat2[i][j] += risk * covar[i][person] * covar[j][person];
                            }
                        }
                    }
                    person--;
                    if (person >= 0 && data.lastOfStratum[person]) {
                        break; // ties do not cross strata
                    }
                }
                if (ndead > 0) {
                    if (ties == CoxTies.BRESLOW || ndead == 1) {
                        denom += denom2;
                        loglik -= deadWeight * Math.log(denom);
                        for (int i = 0; i < p; i++) {
                            a[i] += a2[i];
                            double mean = a[i] / denom;
                            u[i] -= deadWeight * mean;
                            for (int j = 0; j <= i; j++) {
                                cmat[i][j] += cmat2[i][j];
                                imat[j][i] += deadWeight * (cmat[i][j] - mean * a[j]) / denom;
                            }
                        }
                    } else {
                        // Efron: the deaths enter the sums a fraction 1/ndead at a time, each
                        // carrying their mean weight
                        double meanWeight = deadWeight / ndead;
                        for (int k = 0; k < ndead; k++) {
                            denom += denom2 / ndead;
                            loglik -= meanWeight * Math.log(denom);
                            for (int i = 0; i < p; i++) {
                                a[i] += a2[i] / ndead;
                                double mean = a[i] / denom;
                                u[i] -= meanWeight * mean;
                                for (int j = 0; j <= i; j++) {
                                    cmat[i][j] += cmat2[i][j] / ndead;
                                    imat[j][i] += meanWeight * (cmat[i][j] - mean * a[j])
                                            / denom;
                                }
                            }
                        }
                    }
                    Arrays.fill(a2, 0);
                    for (double[] row : cmat2) {
                        Arrays.fill(row, 0);
                    }
                }
            }
            // imat was filled in its upper triangle; mirror it
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < i; j++) {
                    imat[i][j] = imat[j][i];
                }
            }
            return loglik;
        }

        /**
         * The sums a and cmat afresh over the rows at risk at {@code dtime} among sorted positions
         * {@code from..to} (those the sweep has passed: entry < dtime); returns their denom.
         */
        private double sumsAtRisk(int from, int to, double dtime, double[] beta, double[] a,
                double[][] cmat) {
            double[][] covar = data.covar;
            double denom = 0;
            Arrays.fill(a, 0);
            for (double[] row : cmat) {
                Arrays.fill(row, 0);
            }
            for (int q = from; q <= to; q++) {
                if (data.entry[q] >= dtime) {
                    continue;
                }
                double zbeta = 0;
                for (int i = 0; i < p; i++) {
                    zbeta += beta[i] * covar[i][q];
                }
                double risk = Math.exp(zbeta);
                denom += risk;
                for (int i = 0; i < p; i++) {
                    a[i] += risk * covar[i][q];
                    for (int j = 0; j <= i; j++) {
                        cmat[i][j] += risk * covar[i][q] * covar[j][q];
                    }
                }
            }
            return denom;
        }

        /** Takes row {@code gone} out of the sums a and cmat; returns its risk, for denom. */
        private double leave(int gone, double[] beta, double[] a, double[][] cmat) {
            double[][] covar = data.covar;
            double zbeta = 0;
            for (int i = 0; i < p; i++) {
                zbeta += beta[i] * covar[i][gone];
            }
            double risk = Math.exp(zbeta);
            for (int i = 0; i < p; i++) {
                a[i] -= risk * covar[i][gone];
                for (int j = 0; j <= i; j++) {
                    cmat[i][j] -= risk * covar[i][gone] * covar[j][gone];
                }
            }
            return risk;
        }

        /** The largest centred linear predictor, R's max(lp) (beta on the working scale). */
        private double maxLinearPredictor(double[] beta) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < data.time.length; i++) {
                double lp = 0;
                for (int k = 0; k < p; k++) {
                    lp += beta[k] * data.covar[k][i];
                }
                max = Math.max(max, lp);
            }
            return max;
        }

        private static boolean allFinite(double[] v) {
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean allFinite(double[][] m) {
            for (double[] row : m) {
                if (!allFinite(row)) {
                    return false;
                }
            }
            return true;
        }
    }
}
