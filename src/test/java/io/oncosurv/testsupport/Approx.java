package io.oncosurv.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * Collects every mismatch between our numbers and R's before failing, so that one run shows all
 * of them. NaN-aware: R's NA (JSON null) must be NaN here, and a number must be a close number.
 */
public final class Approx {

    /** A comparison tolerance: |a − e| <= max(relative·|e|, absolute). */
    public record Tolerance(double relative, double absolute) {
    }

    /** The project's rule for every reported number: 1e-8 relative, 1e-10 absolute near zero. */
    public static final Tolerance R_NUMBERS = new Tolerance(1e-8, 1e-10);
    /** Times come from 15-significant-digit decimals. */
    public static final Tolerance TIMES = new Tolerance(1e-12, 1e-12);

    private final String subject;
    private final List<String> mismatches = new ArrayList<>();

    public Approx(String subject) {
        this.subject = subject;
    }

    /** Compares with an expected value, where NaN expected means R's NA. */
    public void close(String what, double expected, double actual, Tolerance tolerance) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            if (Double.isNaN(expected) != Double.isNaN(actual)) {
                mismatches.add(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        double allowed = Math.max(tolerance.relative() * Math.abs(expected), tolerance.absolute());
        if (!(Math.abs(actual - expected) <= allowed)) {
            mismatches.add(what + ": expected " + expected + " but was " + actual + " (diff "
                    + (actual - expected) + ", allowed " + allowed + ")");
        }
    }

    /** Compares with a JSON number or null. */
    public void close(String what, JsonNode expected, double actual, Tolerance tolerance) {
        close(what, number(expected), actual, tolerance);
    }

    public void exact(String what, long expected, long actual) {
        if (expected != actual) {
            mismatches.add(what + ": expected " + expected + " but was " + actual);
        }
    }

    public void check(String what, boolean condition) {
        if (!condition) {
            mismatches.add(what);
        }
    }

    public void assertNone() {
        if (!mismatches.isEmpty()) {
            int shown = Math.min(mismatches.size(), 40);
            Assertions.fail(subject + ": " + mismatches.size() + " mismatch(es) with R\n  "
                    + String.join("\n  ", mismatches.subList(0, shown)));
        }
    }

    /** A JSON number, or NaN for null / missing. */
    public static double number(JsonNode node) {
        return node == null || node.isNull() ? Double.NaN : node.asDouble();
    }

    /** A JSON array of numbers (or a lone number, as jsonlite unboxes length-1 vectors). */
    public static double[] numbers(JsonNode node) {
        if (node == null || node.isNull()) {
            return new double[] {Double.NaN};
        }
        if (!node.isArray()) {
            return new double[] {node.asDouble()};
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(node.get(i));
        }
        return values;
    }

    /** The i-th element of a JSON array, or the node itself when jsonlite unboxed it. */
    public static JsonNode element(JsonNode node, int i) {
        return node.isArray() ? node.get(i) : node;
    }
}
