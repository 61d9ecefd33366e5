package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each spec problem at its key, and the names of report jobs. */
class ReportSpecKeysTest {

    @Test
    @DisplayName("every problem of a bad spec carries its path; unknown keys are their own path; "
            + "a problem of the whole spec has none")
    void keys() {
        ReportSpecException e = assertThrows(ReportSpecException.class, () ->
                ReportSpecParser.parse("{\"cohort\": \"lung\", \"colour\": 1, \"stratifiers\": "
                        + "[\"sex\", {\"name\": \"cd8\", \"cutof\": 1}, {\"name\": \"age\", "
                        + "\"cutoff\": \"x\"}], \"landmarks\": [6, -1]}"));
        assertEquals(List.of("colour", "stratifiers[1].cutof", "stratifiers[2].cutoff",
                "landmarks[1]"), e.located().stream().map(ReportSpecException.Located::key)
                        .toList());
        assertEquals("stratifiers[2].cutoff: expected a number, got 'x'",
                e.located().get(2).message());
        ReportSpecException whole = assertThrows(ReportSpecException.class,
                () -> ReportSpecParser.parse("[1, 2]"));
        assertEquals(null, whole.located().get(0).key());
    }

    @Test
    @DisplayName("a job is named by its title, else cohort · stratifiers · date (UTC)")
    void titles() {
        Instant at = Instant.parse("2026-12-01T23:30:00Z");
        assertEquals("Lung OS", ReportTitle.of("{\"cohort\": \"lung\", \"title\": \"Lung OS\"}",
                "lung", at));
        assertEquals("lung · sex, age · 2026-12-01", ReportTitle.of("{\"cohort\": \"lung\", "
                + "\"stratifiers\": [\"sex\", {\"name\": \"age\", \"cutoff\": 60}, {\"name\": "
                + "\"age\", \"cutoff\": 70}]}", "lung", at));
        assertEquals("lung · all patients · 2026-12-01", ReportTitle.of("cohort: lung", "lung",
                at));
        assertEquals("lung · 2026-12-01", ReportTitle.of("{\"colour\": 1}", "lung", at));
    }
}
