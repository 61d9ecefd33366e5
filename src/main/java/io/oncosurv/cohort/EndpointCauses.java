package io.oncosurv.cohort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code <endpoint>_cause} columns of competing-risks endpoints (cohort-format.md, "Causes"):
 * the cause of each event as text, empty where the endpoint is censored. Checked and coded once
 * all rows are read, so that a file read in two parts gives the same problems in the same order.
 */
final class EndpointCauses {

    static final String SUFFIX = "_cause";

    private EndpointCauses() {
    }

    /** The endpoint a {@code <endpoint>_cause} column names; null for any other column. */
    static String endpointOf(String column) {
        return column.endsWith(SUFFIX)
                ? column.substring(0, column.length() - SUFFIX.length()) : null;
    }

    /**
     * Header check: a cause column needs its endpoint, from a time column or (os, pfs) from the
     * dates. One whose {@code <endpoint>_event} is already refused is not reported twice.
     */
    static void checkHeader(Collection<String> columns, Map<String, String> timeColumnOf,
            boolean dates, Problems problems) {
        for (String column : columns) {
            String endpoint = endpointOf(column);
            if (endpoint != null && !hasEndpoint(endpoint, timeColumnOf, dates)
                    && !columns.contains(endpoint + "_event")) {
                problems.add(1, column, "no endpoint '" + endpoint + "' for " + column
                        + ": a cause column needs " + endpoint + "_event and a time column such "
                        + "as " + endpoint + "_months");
            }
        }
    }

    static boolean hasEndpoint(String endpoint, Map<String, String> timeColumnOf,
            boolean dates) {
        return timeColumnOf.containsKey(endpoint)
                || dates && (endpoint.equals("os") || endpoint.equals("pfs"));
    }

    /**
     * Checks each row of each cause column against its endpoint's event flag and puts the
     * coded causes into the endpoint. Rows with a missing event flag are not judged.
     */
    static void attach(Map<String, Endpoint> endpoints, Map<String, ColumnReader> columns,
            Problems problems) {
        for (ColumnReader reader : columns.values()) {
            String name = endpointOf(reader.name);
            Endpoint endpoint = name == null ? null : endpoints.get(name);
            if (endpoint == null || !(reader instanceof ColumnReader.Text text)) {
                continue; // the endpoint could not be made: its problems are reported
            }
            String[] values = text.values;
            for (int p = 0; p < values.length; p++) {
                boolean given = values[p] != null && !values[p].isEmpty();
                if (endpoint.event(p) == 1 && !given) {
                    problems.add(p + 2, reader.name, "an event of " + name + " needs its cause; "
                            + "the cell is empty");
                } else if (endpoint.event(p) == 0 && given) {
                    problems.add(p + 2, reader.name, "a cause on a censored row ("
                            + name + "_event 0): leave the cell empty or set the event to 1");
                }
            }
            endpoints.put(name, coded(endpoint, values));
        }
    }

    /** Causes in C collation (code point order, as R's sort in the C locale). */
    private static Endpoint coded(Endpoint endpoint, String[] values) {
        TreeSet<String> names = new TreeSet<>(EndpointCauses::compareCodePoints);
        for (int p = 0; p < values.length; p++) {
            if (endpoint.event(p) == 1 && values[p] != null && !values[p].isEmpty()) {
                names.add(values[p]);
            }
        }
        List<String> causes = new ArrayList<>(names);
        Map<String, Integer> codeOf = new HashMap<>();
        for (int k = 0; k < causes.size(); k++) {
            codeOf.put(causes.get(k), k + 1);
        }
        int[] code = new int[values.length];
        for (int p = 0; p < values.length; p++) {
            code[p] = endpoint.event(p) == 1 ? codeOf.getOrDefault(values[p], 0) : 0;
        }
        return endpoint.withCauses(causes, code);
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
