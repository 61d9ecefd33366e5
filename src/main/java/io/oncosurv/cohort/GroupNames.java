package io.oncosurv.cohort;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * The name a reader sees for a stratifier's group: the rule with the cut-off actually used
 * ("NLR ≥ 5", "CD8+ TIL ≥ 145.6 cells/mm²", "Akkermansia detected"), where the group's label
 * ("low", "high", "yes") is the API's key and means nothing alone. A categorical column's value
 * is shown as written, or as the cohort's value label for it ("sex 2" → "female").
 */
public final class GroupNames {

    private GroupNames() {
    }

    /**
     * @param stratifier  the stratifier's name ({@code by})
     * @param label       the group's label
     * @param cutoffs     the cut-offs the stratification used ({@link Stratification#cutoffs()})
     * @param valueLabels the cohort's labels of this column's values (empty: none)
     */
    public static String of(String stratifier, String label, Map<String, Double> cutoffs,
            Map<String, String> valueLabels) {
        Double cut = cutoffs.get("cutoff");
        switch (stratifier) {
            case "pdl1":
                return switch (label) {
                    case "<1" -> "PD-L1 TPS < 1%";
                    case "1-49" -> "PD-L1 TPS 1–49%";
                    case ">=50" -> "PD-L1 TPS ≥ 50%";
                    default -> label;
                };
            case "cd8":
                return rule("CD8+ TIL", label, cut, " cells/mm²");
            case "pdl1_cd8":
                return pdl1Cd8(label, cutoffs.get("tps_cutoff"), cut);
            case "nlr":
                return rule("NLR", label, cut, "");
            case "dnlr":
                return rule("dNLR", label, cut, "");
            case "lipi":
                return lipi(label, cut);
            case "akkermansia":
                return flag(label, "Akkermansia not detected", "Akkermansia detected");
            case "antibiotics":
                return flag(label, "No antibiotics within 30 days", "Antibiotics within 30 days");
            case "shannon":
                return rule("Shannon index", label, cut, "");
            default:
                if (cut != null) {
                    return rule(stratifier, label, cut, "");
                }
                String named = valueLabels.get(label);
                return named == null ? label : named;
        }
    }

    /** "NLR < 5" for low, "NLR ≥ 5" for high (the stratifiers cut at value ≥ cut-off). */
    private static String rule(String what, String label, Double cut, String unit) {
        if (cut == null) {
            return label;
        }
        return switch (label) {
            case "low" -> what + " < " + number(cut) + unit;
            case "high" -> what + " ≥ " + number(cut) + unit;
            default -> label;
        };
    }

    private static String flag(String label, String no, String yes) {
        return switch (label) {
            case "no" -> no;
            case "yes" -> yes;
            default -> label;
        };
    }

    private static String pdl1Cd8(String label, Double tps, Double cd8) {
        int index = List.of("PD-L1 low/CD8 low", "PD-L1 low/CD8 high", "PD-L1 high/CD8 low",
                "PD-L1 high/CD8 high").indexOf(label);
        if (index < 0 || tps == null || cd8 == null) {
            return label;
        }
        return "PD-L1 TPS " + (index >= 2 ? "≥ " : "< ") + number(tps) + "%, CD8+ TIL "
                + (index % 2 == 1 ? "≥ " : "< ") + number(cd8) + " cells/mm²";
    }

    private static String lipi(String label, Double dnlr) {
        if (dnlr == null) {
            return label;
        }
        String cut = number(dnlr);
        return switch (label) {
            case "good" -> "LIPI good (dNLR < " + cut + ", LDH ≤ ULN)";
            case "intermediate" -> "LIPI intermediate (dNLR ≥ " + cut + " or LDH > ULN)";
            case "poor" -> "LIPI poor (dNLR ≥ " + cut + ", LDH > ULN)";
            default -> label;
        };
    }

    /**
     * The cut-off as a reader sees it: its shortest decimal at 12 significant digits, so the noise
     * of binary arithmetic goes (a median of 3.15 and 3.16 is 3.1550000000000002: "3.155") and
     * nothing a rule means does: a patient value would have to lie within 1e-12 of the cut to
     * fall on the other side of the name. The cut-off box shows {@link #exact}.
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).round(new MathContext(12)).stripTrailingZeros()
                .toPlainString();
    }

    /** The cut-off as used, in its shortest exact decimal: 5, 145.55, 3.1550000000000002. */
    public static String exact(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
