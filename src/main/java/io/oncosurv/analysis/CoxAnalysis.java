package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.StratifierUnavailableException;
import io.oncosurv.cohort.Stratifiers;
import io.oncosurv.stats.Concordance;
import io.oncosurv.stats.CoxModel;
import io.oncosurv.stats.CoxResult;
import io.oncosurv.stats.CoxZph;
import io.oncosurv.stats.NearTies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Cox model on a cohort: the terms become model columns (factors as indicators against their
 * first level among the patients used, as R's treatment contrasts), patients missing any value
 * are left out, then the fit, the concordance of its linear predictor and cox.zph.
 */
public final class CoxAnalysis {

    private CoxAnalysis() {
    }

    public static CoxAnswer run(Cohort cohort, CoxRequest request, StratifierSource source)
            throws AnalysisException {
        Endpoint endpoint = cohort.endpoint(request.endpoint()).orElseThrow(() ->
                new AnalysisException("the cohort has no endpoint '" + request.endpoint()
                        + "'; it has " + String.join(", ", cohort.endpointNames())));
        if (request.terms().isEmpty()) {
            throw new AnalysisException("a Cox model needs at least one term");
        }
        int n = cohort.patients();
        List<Term> terms = new ArrayList<>();
        for (String name : request.terms()) {
            terms.add(term(cohort, name, request.settings(), source));
        }
        Stratification strata = null;
        if (request.strata() != null) {
            try {
                strata = source.stratify(request.strata(), Map.of());
            } catch (StratifierUnavailableException e) {
                throw new AnalysisException(e.getMessage());
            }
        }
        boolean[] inSubset = request.subsets().isEmpty() ? null
                : Subsets.select(n, source, request.subsets());
        boolean[] used = new boolean[n];
        int count = 0;
        for (int p = 0; p < n; p++) {
            boolean ok = endpoint.isComplete(p) && (strata == null || strata.code(p) >= 0)
                    && (inSubset == null || inSubset[p]);
            for (Term t : terms) {
                ok &= t.present(p);
            }
            used[p] = ok;
            count += ok ? 1 : 0;
        }
        if (count == 0) {
            throw new AnalysisException("no patient has the endpoint and every term"
                    + (request.subsets().isEmpty() ? "" : " in the subset"));
        }
        int[] rows = new int[count];
        int k = 0;
        for (int p = 0; p < n; p++) {
            if (used[p]) {
                rows[k++] = p;
            }
        }
        double[] time = new double[count];
        boolean[] event = new boolean[count];
        int[] stratum = strata == null ? null : new int[count];
        for (int i = 0; i < count; i++) {
            time[i] = endpoint.months(rows[i]);
            event[i] = endpoint.event(rows[i]) == 1;
            if (stratum != null) {
                stratum[i] = strata.code(rows[i]);
            }
        }
        List<double[]> columnValues = new ArrayList<>();
        List<CoxAnswer.Column> columns = new ArrayList<>();
        List<int[]> termColumns = new ArrayList<>();
        for (Term t : terms) {
            int first = columns.size();
            t.addColumns(rows, columnValues, columns);
            int[] indices = new int[columns.size() - first];
            for (int c = 0; c < indices.length; c++) {
                indices[c] = first + c;
            }
            if (indices.length == 0) {
                throw new AnalysisException(t.name + " has a single value among the patients "
                        + "used: nothing to compare");
            }
            termColumns.add(indices);
        }
        double[][] x = columnValues.toArray(new double[0][]);
        CoxResult fit = CoxModel.fit(time, event, x, stratum,
                strata == null ? 1 : strata.labels().size(), request.ties());
        double[] lp = new double[count];
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < count; i++) {
                lp[i] += coefficientInPredictor(fit, c) * x[c][i];
            }
        }
        // no events: no coefficients and no comparable pairs, R's counts 0 and C NA
        Concordance.Result concordance = fit.events() == 0
                ? new Concordance.Result(0, 0, 0, 0, 0, Double.NaN, Double.NaN)
                : Concordance.of(NearTies.resolve(time), event, lp, stratum,
                        strata == null ? 1 : strata.labels().size());
        CoxZph.Result zph = CoxZph.test(time, event, x, stratum,
                strata == null ? 1 : strata.labels().size(), fit,
                termColumns.toArray(new int[0][]));
        return new CoxAnswer(request, columns, fit, concordance, List.of(zph.terms()),
                zph.global(), fit.warnings());
    }

    /** R's linear predictor uses 0 for an NA (redundant) coefficient. */
    private static double coefficientInPredictor(CoxResult fit, int column) {
        double coef = fit.coefficient(column);
        return Double.isNaN(coef) ? 0 : coef;
    }

    /**
     * A term is the stratifier of that name (the same groups as {@code by=}), so a column with a
     * few values is a factor; a numeric column with more distinct values than a stratifier takes
     * enters the model as a number (per unit).
     */
    private static Term term(Cohort cohort, String name, Map<String, Double> settings,
            StratifierSource source) throws AnalysisException {
        try {
            return new Term(name, source.stratify(name, settings), null);
        } catch (StratifierUnavailableException e) {
            boolean numeric = !Stratifiers.BUILT_IN.contains(name) && cohort.isNumeric(name)
                    && !settings.containsKey("cutoff");
            if (numeric) {
                return new Term(name, null, cohort.numbers(name));
            }
            throw new AnalysisException(e.getMessage());
        }
    }

    /** A term: a factor (a stratification) or a numeric column. */
    private static final class Term {
        final String name;
        final Stratification factor;
        final double[] values;

        Term(String name, Stratification factor, double[] values) {
            this.name = name;
            this.factor = factor;
            this.values = values;
        }

        boolean present(int patient) {
            return factor != null ? factor.code(patient) >= 0 : !Double.isNaN(values[patient]);
        }

        void addColumns(int[] rows, List<double[]> out, List<CoxAnswer.Column> columns) {
            if (factor == null) {
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = values[rows[i]];
                }
                out.add(v);
                columns.add(new CoxAnswer.Column(name, null));
                return;
            }
            boolean[] seen = new boolean[factor.labels().size()];
            for (int row : rows) {
                seen[factor.code(row)] = true;
            }
            int reference = -1;
            for (int level = 0; level < seen.length; level++) {
                if (!seen[level]) {
                    continue; // levels without patients are dropped, as R drops them
                }
                if (reference < 0) {
                    reference = level;
                    continue;
                }
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = factor.code(rows[i]) == level ? 1 : 0;
                }
                out.add(v);
                columns.add(new CoxAnswer.Column(name, factor.labels().get(level)));
            }
        }
    }
}
