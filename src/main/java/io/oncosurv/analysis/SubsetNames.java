package io.oncosurv.analysis;

import io.oncosurv.cohort.Stratification;
import io.oncosurv.cohort.StratifierUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each subset ({@code COLUMN:VALUE}, as {@link Subsets} selects) is called where a reader
 * meets it: the group's display name when it carries its rule ({@code nlr:high} → "NLR ≥ 5",
 * {@code akkermansia:yes} → "Akkermansia detected"), "sex = female" for a value with the cohort's
 * label, else "arm = ICI". Naming never fails: a subset it cannot place reads as written.
 */
public final class SubsetNames {

    private SubsetNames() {
    }

    public static List<String> of(StratifierSource source, List<String> subsets) {
        List<String> names = new ArrayList<>();
        for (String subset : subsets) {
            names.add(name(source, subset));
        }
        return List.copyOf(names);
    }

    private static String name(StratifierSource source, String subset) {
        int colon = subset.indexOf(':');
        if (colon <= 0) {
            return subset.strip();
        }
        String column = subset.substring(0, colon).strip();
        String value = subset.substring(colon + 1).strip();
        String plain = column + " = " + value;
        Stratification groups;
        try {
            groups = source.stratify(column, Map.of());
        } catch (StratifierUnavailableException e) {
            return plain;
        }
        int index = groups.labels().indexOf(value);
        if (index < 0) {
            return plain;
        }
        String name = groups.displayNames().get(index);
        if (name.equals(value)) {
            return plain;
        }
        return groups.valueLabels().containsKey(value) ? column + " = " + name : name;
    }
}
