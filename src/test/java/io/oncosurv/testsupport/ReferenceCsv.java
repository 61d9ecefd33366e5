package io.oncosurv.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A reference CSV file as the R script wrote it: a header, no quoting, empty = missing. */
public final class ReferenceCsv {

    private final List<String> header;
    private final List<String[]> rows;

    private ReferenceCsv(List<String> header, List<String[]> rows) {
        this.header = header;
        this.rows = rows;
    }

    static ReferenceCsv read(Path path) {
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            List<String> header = Arrays.asList(lines.get(0).split(",", -1));
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isEmpty()) {
                    rows.add(line.split(",", -1));
                }
            }
            return new ReferenceCsv(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return rows.size();
    }

    /** The text of a column, empty for a missing value. */
    public String text(int row, String column) {
        int c = header.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + column);
        }
        return rows.get(row)[c];
    }

    public double number(int row, String column) {
        return Double.parseDouble(text(row, column));
    }

    /** The header and the rows as lists of cells, a fresh copy that may be changed. */
    public List<List<String>> table() {
        List<List<String>> table = new ArrayList<>();
        table.add(new ArrayList<>(header));
        for (String[] row : rows) {
            table.add(new ArrayList<>(Arrays.asList(row)));
        }
        return table;
    }
}
