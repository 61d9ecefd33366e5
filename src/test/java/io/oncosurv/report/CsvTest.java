package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CSV as RFC 4180 writes it, with formula cells neutralised (OWASP CSV injection). */
class CsvTest {

    @Test
    @DisplayName("text starting with = + - @ tab or CR gets an apostrophe; numbers stay numbers")
    void neutralises() {
        for (String dangerous : List.of("=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + dangerous.charAt(0), Csv.cell(dangerous).replace("\"", "")
                    .substring(0, 2), dangerous);
        }
        assertEquals("-0.5", Csv.cell(-0.5));
        assertEquals("-3", Csv.cell(-3));
        assertEquals("safe", Csv.cell("safe"));
    }

    @Test
    @DisplayName("quotes, commas and line breaks are quoted; NaN and null are empty cells")
    void quotes() {
        Table t = new Table("t", List.of("a", "b", "c", "d"), List.of(Arrays.asList(
                "x, y", "say \"hi\"", Double.NaN, null), Arrays.asList("two\nlines", 1.5,
                        true, Double.POSITIVE_INFINITY)));
        assertEquals("a,b,c,d\r\n\"x, y\",\"say \"\"hi\"\"\",,\r\n\"two\nlines\",1.5,true,Inf\r\n",
                new String(Csv.write(t), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a row with the wrong number of cells is refused")
    void shape() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Table("t", List.of("a", "b"), List.of(List.of("only one"))));
    }
}
