package io.oncosurv.analysis;

import io.oncosurv.cohort.Cohort;
import io.oncosurv.cohort.Endpoint;
import io.oncosurv.cohort.Exposure;
import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.StratifierUnavailableException;
import io.oncosurv.cohort.Stratifiers;
import java.util.List;
import java.util.Map;

/**
 * A model term: the stratifier of that name (the same groups as {@code by=}), so a column with a
 * few values is a factor; or a numeric column with more distinct values than a stratifier takes,
 * which enters as a number (per unit); or an exposure over time ({@link ExposureTerm}):
 * {@code <exposure>_td}, time-dependent (or, with a landmark start s, the status at s), and
 * {@code <exposure>_ever}, exposed at any time before the endpoint's time. An exposure term is
 * one 0/1 column, level {@code exposed}.
 */
final class ModelTerm {
    /** The level of an exposure term's column. */
    static final String EXPOSED = "exposed";

    final String name;
    private final Stratification factor;
    private final double[] values;
    /** Whether the term is an exposure's 0/1 column (its level reads "exposed"). */
    private final boolean exposure;
    /** The exposure starts of a time-dependent term (no landmark start), else null. */
    final double[] exposureStart;

    private ModelTerm(String name, Stratification factor, double[] values, boolean exposure,
            double[] exposureStart) {
        this.name = name;
        this.factor = factor;
        this.values = values;
        this.exposure = exposure;
        this.exposureStart = exposureStart;
    }

    /**
     * @param endpoint the model's endpoint (the exposure terms need its times)
     * @param from     the landmark start, NaN for none
     */
    static ModelTerm of(Cohort cohort, Endpoint endpoint, String name,
            Map<String, Double> settings, StratifierSource source, double from)
            throws AnalysisException {
        ExposureTerm exposure = ExposureTerm.parse(cohort, name);
        if (exposure != null) {
            return exposureTerm(exposure, endpoint, from);
        }
        try {
            return new ModelTerm(name, source.stratify(name, settings), null, false, null);
        } catch (StratifierUnavailableException e) {
            boolean numeric = !Stratifiers.BUILT_IN.contains(name) && cohort.isNumeric(name)
                    && !settings.containsKey("cutoff");
            if (numeric) {
                return new ModelTerm(name, null, cohort.numbers(name), false, null);
            }
            String unknown = ExposureTerm.unknown(cohort, name);
            throw new AnalysisException(unknown != null ? unknown : e.getMessage());
        }
    }

    private static ModelTerm exposureTerm(ExposureTerm term, Endpoint endpoint, double from) {
        Exposure exposure = term.exposure();
        int n = exposure.patients();
        double[] start = new double[n];
        double[] status = new double[n];
        for (int p = 0; p < n; p++) {
            start[p] = exposure.startMonths(p);
            // NaN (never) compares false: unexposed. A time-dependent term without a landmark
            // start holds the status at 0 here; CountingProcessDesign gives it along follow-up
            status[p] = switch (term.kind()) {
                case EVER -> start[p] < endpoint.months(p) ? 1 : 0;
                case TIME_DEPENDENT -> start[p] <= (Double.isNaN(from) ? 0 : from) ? 1 : 0;
            };
        }
        boolean timeDependent = term.kind() == ExposureTerm.Kind.TIME_DEPENDENT
                && Double.isNaN(from);
        return new ModelTerm(term.name(), null, status, true, timeDependent ? start : null);
    }

    /** Whether the term is a time-dependent covariate (its column changes along follow-up). */
    boolean timeDependent() {
        return exposureStart != null;
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
            columns.add(new CoxAnswer.Column(name, exposure ? EXPOSED : null));
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

    /**
     * The columns a balance table shows for the term over {@code rows}: the number itself, or
     * one 0/1 indicator per level with patients, the first level included.
     */
    void addLevelColumns(int[] rows, List<double[]> out, List<CoxAnswer.Column> columns) {
        if (factor == null) {
            addColumns(rows, out, columns);
            return;
        }
        boolean[] seen = new boolean[factor.labels().size()];
        for (int row : rows) {
            seen[factor.code(row)] = true;
        }
        for (int level = 0; level < seen.length; level++) {
            if (seen[level]) {
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
