package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Stratification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The patients and model columns of a regression on a cohort (Cox, Fine–Gray): patients with
 * the endpoint, every term, the stratum and in the subset, in patient order; the terms' columns
 * ({@link ModelTerm}) and which columns each term has.
 *
 * @param rows the patients used (indices into the cohort)
 * @param x the model columns, {@code x[column][i]} for patient {@code rows[i]}
 * @param stratum each patient's stratum code, or null without strata
 * @param excluded the patients (of the subset) left out: a missing value or, with a landmark
 *                 start, a time before it
 * @param timeDependent the column of a time-dependent exposure term ({@code <exposure>_td}
 *                      without a landmark start), -1 for none; its values in {@code x} are
 *                      the status at time 0 and {@link CountingProcessDesign} splits the rows
 * @param exposureStart that exposure's start per patient of {@code rows} (NaN: never), or null
 * @param terms the terms, in the order asked (their values over any patients, for balance)
 */
record ModelDesign(int[] rows, List<CoxAnswer.Column> columns, double[][] x, int[][] termColumns,
        int[] stratum, int strata, int excluded, int timeDependent, double[] exposureStart,
        List<ModelTerm> terms) {

    static ModelDesign of(Cohort cohort, Endpoint endpoint, List<String> termNames,
            Map<String, Double> settings, String strataName, List<String> subsets,
            StratifierSource source) throws AnalysisException {
        return of(cohort, endpoint, termNames, settings, strataName, subsets, Double.NaN, source);
    }

    /** The same, with {@code from} (NaN: none): only patients with time >= from. */
    static ModelDesign of(Cohort cohort, Endpoint endpoint, List<String> termNames,
            Map<String, Double> settings, String strataName, List<String> subsets, double from,
            StratifierSource source) throws AnalysisException {
        int n = cohort.patients();
        List<ModelTerm> terms = new ArrayList<>();
        for (String name : termNames) {
            terms.add(ModelTerm.of(cohort, endpoint, name, settings, source, from));
        }
        List<String> timeDependent = terms.stream().filter(ModelTerm::timeDependent)
                .map(t -> t.name).toList();
        if (timeDependent.size() > 1) {
            throw new AnalysisException("one time-dependent term per model; got "
                    + String.join(", ", timeDependent));
        }
        Stratification strata = strataName == null ? null
                : source.require(strataName, Map.of());
        boolean[] inSubset = subsets.isEmpty() ? null : Subsets.select(n, source, subsets);
        boolean[] used = new boolean[n];
        int count = 0;
        int considered = 0;
        for (int p = 0; p < n; p++) {
            boolean inIt = inSubset == null || inSubset[p];
            considered += inIt ? 1 : 0;
            boolean ok = endpoint.isComplete(p) && (strata == null || strata.code(p) >= 0)
                    && inIt && !(endpoint.months(p) < from);
            for (ModelTerm t : terms) {
                ok &= t.present(p);
            }
            used[p] = ok;
            count += ok ? 1 : 0;
        }
        if (count == 0) {
            throw new AnalysisException("no patient has the endpoint and every term"
                    + (subsets.isEmpty() ? "" : " in the subset")
                    + (Double.isNaN(from) ? "" : " and a time of at least " + from));
        }
        int[] rows = new int[count];
        int k = 0;
        for (int p = 0; p < n; p++) {
            if (used[p]) {
                rows[k++] = p;
            }
        }
        int[] stratum = null;
        if (strata != null) {
            stratum = new int[count];
            for (int i = 0; i < count; i++) {
                stratum[i] = strata.code(rows[i]);
            }
        }
        List<double[]> columnValues = new ArrayList<>();
        List<CoxAnswer.Column> columns = new ArrayList<>();
        List<int[]> termColumns = new ArrayList<>();
        int timeDependentColumn = -1;
        double[] exposureStart = null;
        for (ModelTerm t : terms) {
            int first = columns.size();
            if (t.timeDependent()) {
                timeDependentColumn = first;
                exposureStart = new double[count];
                for (int i = 0; i < count; i++) {
                    exposureStart[i] = t.exposureStart[rows[i]];
                }
            }
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
        return new ModelDesign(rows, columns, columnValues.toArray(new double[0][]),
                termColumns.toArray(new int[0][]), stratum,
                strata == null ? 1 : strata.labels().size(), considered - count,
                timeDependentColumn, exposureStart, List.copyOf(terms));
    }

    boolean hasTimeDependent() {
        return timeDependent >= 0;
    }

    int patients() {
        return rows.length;
    }
}
