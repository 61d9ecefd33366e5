package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.StratifierUnavailableException;
import io.oncosurv.cohort.Stratifiers;
import java.util.List;
import java.util.Map;

/**
 * A model term: the stratifier of that name (the same groups as {@code by=}), so a column with a
 * few values is a factor; or a numeric column with more distinct values than a stratifier takes,
 * which enters as a number (per unit).
 */
final class ModelTerm {
    final String name;
    private final Stratification factor;
    private final double[] values;

    private ModelTerm(String name, Stratification factor, double[] values) {
        this.name = name;
        this.factor = factor;
        this.values = values;
    }

    static ModelTerm of(Cohort cohort, String name, Map<String, Double> settings,
            StratifierSource source) throws AnalysisException {
        try {
            return new ModelTerm(name, source.stratify(name, settings), null);
        } catch (StratifierUnavailableException e) {
            boolean numeric = !Stratifiers.BUILT_IN.contains(name) && cohort.isNumeric(name)
                    && !settings.containsKey("cutoff");
            if (numeric) {
                return new ModelTerm(name, null, cohort.numbers(name));
            }
            throw new AnalysisException(e.getMessage());
        }
    }

    boolean present(int patient) {
        return factor != null ? factor.code(patient) >= 0 : !Double.isNaN(values[patient]);
    }

    /**
     * The term's model columns over {@code rows}: the number itself, or one indicator per level
     * with patients after the first (R's treatment contrasts; empty levels dropped as R drops).
     */
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
                continue;
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
