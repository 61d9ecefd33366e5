package io.oncosurv.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * A file read in two parts at once ({@link CohortReader#read(byte[], char, int)}) reads as it
 * does in one: the same cohort, or the same refusal with the same problems, rows and count.
 * Files are drawn from cells that break the format's rules (out of range, not numbers, dates,
 * duplicate ids), ragged rows, blank lines, every line end, quotes with line breaks inside, and
 * a column without a name.
 */
class CohortReaderSplitProperties {

    private static final List<String> HEADERS = List.of(
            "patient_id,os_months,os_event,arm,pdl1_tps,extra",
            "patient_id,os_months,os_event,pfs_months,pfs_event,neutrophils,leukocytes",
            "patient_id,start_date,last_followup_date,death,arm,",
            "patient_id,os_days,os_event,shannon,free");

    private static final List<String> CELLS = List.of("1", "0", "2", "12.5", "-1", "", " 3 ",
            "abc", "true", "1e400", "NaN", "150", "0.4", "2021-03-04", "2021-13-40", "ICI",
            "\"ICI, LAT\"", "\"a\nb\"", "\"x\"\"y\"", "7", "1200.5", "99999");

    /** Cells every column but the dates accepts: files that are read, mostly. */
    private static final List<String> TIDY = List.of("1", "0", "", " 1 ", "0");

    private static final List<String> LINE_ENDS = List.of("\n", "\r\n", "\r", "\n\n");

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> header = Arbitraries.of(HEADERS);
        Arbitrary<List<String>> cells = Arbitraries.of(CELLS).list().ofMinSize(3).ofMaxSize(8);
        Arbitrary<String> lineEnd = Arbitraries.of(LINE_ENDS);
        Arbitrary<Boolean> validId = Arbitraries.integers().between(0, 9).map(i -> i > 0);
        Arbitrary<List<Object[]>> rows = Combinators.combine(cells, lineEnd, validId)
                .as((c, e, v) -> new Object[] {c, e, v}).list().ofMinSize(1).ofMaxSize(60);
        Arbitrary<Boolean> clean = Arbitraries.integers().between(0, 2).map(i -> i > 0);
        return Combinators.combine(header, rows, clean).as((h, r, tidy) -> {
            int columns = h.split(",", -1).length;
            StringBuilder text = new StringBuilder(h).append('\n');
            int n = 0;
            for (Object[] row : r) {
                @SuppressWarnings("unchecked")
                List<String> c = (List<String>) row[0];
                List<String> fields = new ArrayList<>();
                // mostly the header's number of fields, with valid ids: files that get to the
                // checks across rows; else whatever was drawn
                fields.add((Boolean) row[2] ? "p" + (n++ % 40) : c.get(0));
                int count = tidy ? columns : c.size();
                for (int i = 1; i < count; i++) {
                    fields.add(tidy ? TIDY.get(Math.floorMod(c.get(i % c.size()).hashCode()
                            + i, TIDY.size())) : c.get(i % c.size()));
                }
                text.append(String.join(",", fields)).append((String) row[1]);
            }
            return text.toString();
        });
    }

    @Property(tries = 2000)
    @Label("two parts read as one: the same cohort, or the same refusal")
    void twoPartsReadAsOne(@ForAll("files") String file) {
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        String one = outcome(bytes, 1);
        assertEquals(one, outcome(bytes, 2), file);
        Statistics.collect(one.startsWith("patients") ? "read" : "refused");
    }

    private static String outcome(byte[] bytes, int parts) {
        try {
            return describe(CohortReader.read(bytes, ',', parts));
        } catch (CohortRejectedException e) {
            return e.kind() + " " + e.getMessage() + " " + e.problemCount() + " " + e.problems();
        }
    }

    private static String describe(Cohort c) {
        StringBuilder s = new StringBuilder("patients " + c.patients() + ", columns "
                + c.columns() + ", endpoints " + c.endpointNames() + ", warnings "
                + c.warnings() + "\n");
        for (int p = 0; p < c.patients(); p++) {
            s.append(c.patientId(p)).append(' ');
        }
        for (String e : c.endpointNames()) {
            Endpoint endpoint = c.endpoint(e).orElseThrow();
            for (int p = 0; p < c.patients(); p++) {
                s.append(endpoint.months(p)).append('/').append(endpoint.event(p)).append(' ');
            }
        }
        for (String column : c.columns()) {
            if (c.isNumeric(column)) {
                s.append('\n').append(column).append(Arrays.toString(c.numbers(column)));
            }
            if (c.isText(column)) {
                s.append('\n').append(column).append(':');
                for (int p = 0; p < c.patients(); p++) {
                    s.append(c.text(column, p)).append('|');
                }
            }
        }
        return s.toString();
    }
}
