package io.oncosurv.cohort;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The stratifiers of the cohort format: the built-in TME ones and any other column, categorical
 * as written or numeric with a cut-off. Settings (per request) override the defaults:
 * {@code cutoff} is the stratifier's own cut-off (cd8, pdl1_cd8 and shannon: CD8 or Shannon
 * cut, default the cohort median; nlr 5; dnlr 3; lipi: the dNLR cut, 3; any numeric column: none,
 * required), {@code tps_cutoff} the PD-L1-high threshold of pdl1_cd8 (50), {@code ldh_uln} a
 * cohort-wide upper limit of normal for LDH where the file has no ldh_uln column. Data-driven
 * defaults are computed over the whole cohort, before any subset.
 */
public final class Stratifiers {

    /** The built-in stratifiers, in the order of the format. */
    public static final List<String> BUILT_IN = List.of("pdl1", "cd8", "pdl1_cd8", "nlr", "dnlr",
            "lipi", "akkermansia", "antibiotics", "shannon");

    /** A categorical column with more distinct values than this needs a cut-off. */
    public static final int MAX_LEVELS = 20;

    private Stratifiers() {
    }

    public static Stratification stratify(Cohort cohort, String name, Map<String, Double> settings)
            throws StratifierUnavailableException {
        switch (name) {
            case "pdl1":
                noCutoff(name, settings);
                return byBands(name, column(cohort, "pdl1_tps", name), new double[] {1, 50},
                        List.of("<1", "1-49", ">=50"), Map.of());
            case "cd8":
                return highLow(name, column(cohort, "cd8_til", name), settings, Double.NaN);
            case "pdl1_cd8":
                return pdl1Cd8(cohort, settings);
            case "nlr":
                return highLow(name, derived(TmeVariables.nlr(cohort), name,
                        "neutrophils and lymphocytes, or nlr"), settings, 5);
            case "dnlr":
                return highLow(name, derived(TmeVariables.dnlr(cohort), name,
                        "neutrophils and leukocytes, or dnlr"), settings, 3);
            case "lipi":
                return lipi(cohort, settings);
            case "akkermansia":
                noCutoff(name, settings);
                return yesNo(name, column(cohort, "akkermansia", name));
            case "antibiotics":
                noCutoff(name, settings);
                return yesNo(name, column(cohort, "antibiotics_30d", name));
            case "shannon":
                return highLow(name, column(cohort, "shannon", name), settings, Double.NaN);
            default:
                return byColumn(cohort, name, settings);
        }
    }

    private static Stratification pdl1Cd8(Cohort cohort, Map<String, Double> settings)
            throws StratifierUnavailableException {
        double[] tps = column(cohort, "pdl1_tps", "pdl1_cd8");
        double[] cd8 = column(cohort, "cd8_til", "pdl1_cd8");
        double tpsCut = settings.getOrDefault("tps_cutoff", 50.0);
        double cd8Cut = cutoff(settings, cd8, Double.NaN);
        int[] codes = new int[tps.length];
        for (int p = 0; p < codes.length; p++) {
            codes[p] = Double.isNaN(tps[p]) || Double.isNaN(cd8[p]) ? -1
                    : 2 * (tps[p] >= tpsCut ? 1 : 0) + (cd8[p] >= cd8Cut ? 1 : 0);
        }
        return new Stratification("pdl1_cd8", List.of("PD-L1 low/CD8 low", "PD-L1 low/CD8 high",
                "PD-L1 high/CD8 low", "PD-L1 high/CD8 high"), codes,
                Map.of("tps_cutoff", tpsCut, "cutoff", cd8Cut), false);
    }

    private static Stratification lipi(Cohort cohort, Map<String, Double> settings)
            throws StratifierUnavailableException {
        double[] dnlr = derived(TmeVariables.dnlr(cohort), "lipi",
                "neutrophils and leukocytes, or dnlr");
        double[] ldh = column(cohort, "ldh", "lipi");
        double[] uln = uln(cohort, settings);
        double dnlrCut = settings.getOrDefault("cutoff", 3.0);
        int[] codes = new int[ldh.length];
        for (int p = 0; p < codes.length; p++) {
            codes[p] = Double.isNaN(dnlr[p]) || Double.isNaN(ldh[p]) || Double.isNaN(uln[p]) ? -1
                    : (dnlr[p] >= dnlrCut ? 1 : 0) + (ldh[p] > uln[p] ? 1 : 0);
        }
        Map<String, Double> used = new HashMap<>();
        used.put("cutoff", dnlrCut);
        if (settings.containsKey("ldh_uln")) {
            used.put("ldh_uln", settings.get("ldh_uln"));
        }
        return new Stratification("lipi", List.of("good", "intermediate", "poor"), codes, used,
                true);
    }

    private static double[] uln(Cohort cohort, Map<String, Double> settings)
            throws StratifierUnavailableException {
        if (cohort.isNumeric("ldh_uln")) {
            double[] uln = cohort.numbers("ldh_uln");
            Double setting = settings.get("ldh_uln");
            for (int p = 0; p < uln.length && setting != null; p++) {
                if (Double.isNaN(uln[p])) {
                    uln[p] = setting;
                }
            }
            return uln;
        }
        Double setting = settings.get("ldh_uln");
        if (setting == null) {
            throw new StratifierUnavailableException("lipi needs the upper limit of normal of "
                    + "LDH: an ldh_uln column or the ldh_uln setting");
        }
        double[] uln = new double[cohort.patients()];
        Arrays.fill(uln, setting);
        return uln;
    }

    private static Stratification highLow(String name, double[] values,
            Map<String, Double> settings, double defaultCutoff) {
        double cut = cutoff(settings, values, defaultCutoff);
        int[] codes = new int[values.length];
        for (int p = 0; p < codes.length; p++) {
            codes[p] = Double.isNaN(values[p]) ? -1 : values[p] >= cut ? 1 : 0;
        }
        return new Stratification(name, List.of("low", "high"), codes, Map.of("cutoff", cut),
                true);
    }

    /** The requested cut-off, else the default, else (NaN default) the cohort median. */
    private static double cutoff(Map<String, Double> settings, double[] values, double fallback) {
        Double requested = settings.get("cutoff");
        if (requested != null) {
            return requested;
        }
        return Double.isNaN(fallback) ? TmeVariables.median(values) : fallback;
    }

    private static Stratification byBands(String name, double[] values, double[] bounds,
            List<String> labels, Map<String, Double> cutoffs) {
        int[] codes = new int[values.length];
        for (int p = 0; p < codes.length; p++) {
            if (Double.isNaN(values[p])) {
                codes[p] = -1;
                continue;
            }
            int band = 0;
            while (band < bounds.length && values[p] >= bounds[band]) {
                band++;
            }
            codes[p] = band;
        }
        return new Stratification(name, labels, codes, cutoffs, true);
    }

    private static Stratification yesNo(String name, double[] flag) {
        int[] codes = new int[flag.length];
        for (int p = 0; p < codes.length; p++) {
            codes[p] = Double.isNaN(flag[p]) ? -1 : (int) flag[p];
        }
        return new Stratification(name, List.of("no", "yes"), codes, Map.of(), true);
    }

    /** Any other column: numeric with a cut-off, or categorical as written. */
    private static Stratification byColumn(Cohort cohort, String name,
            Map<String, Double> settings) throws StratifierUnavailableException {
        if (!cohort.isNumeric(name) && !cohort.isText(name)) {
            throw new StratifierUnavailableException("no column or built-in stratifier named '"
                    + name + "'");
        }
        if (settings.containsKey("cutoff")) {
            if (!cohort.isNumeric(name)) {
                throw new StratifierUnavailableException(name + " is not numeric: a cutoff "
                        + "needs numbers");
            }
            return highLow(name, cohort.numbers(name), settings, Double.NaN);
        }
        if (cohort.isNumeric(name)) {
            // a numeric model term asks here first, on every query (a refusal is not cached):
            // count its values as numbers before making a label of each
            tooManyLevels(name, distinctNumbers(cohort.numbers(name)), true);
        }
        List<String> values = new ArrayList<>();
        for (int p = 0; p < cohort.patients(); p++) {
            values.add(cohort.isText(name) ? cohort.text(name, p) : label(cohort.number(name, p)));
        }
        TreeSet<String> distinct = new TreeSet<>(levelOrder(values));
        for (String v : values) {
            if (v != null) {
                distinct.add(v);
            }
        }
        tooManyLevels(name, distinct.size(), cohort.isNumeric(name));
        List<String> labels = new ArrayList<>(distinct);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[] codes = new int[cohort.patients()];
        for (int p = 0; p < codes.length; p++) {
            codes[p] = values.get(p) == null ? -1 : index.get(values.get(p));
        }
        // numbers are in numeric order; text as written is a category
        return new Stratification(name, labels, codes, Map.of(), cohort.isNumeric(name),
                cohort.valueLabels(name));
    }

    private static void tooManyLevels(String name, int distinct, boolean numeric)
            throws StratifierUnavailableException {
        if (distinct > MAX_LEVELS) {
            String levels = name + " has " + distinct + " distinct values; a stratifier "
                    + "makes at most " + MAX_LEVELS + " groups: ";
            throw new StratifierUnavailableException(levels + (numeric
                    ? "give a cutoff to split it in two (cutoff=VALUE)"
                    : "choose a grouping column with fewer levels, or group its values into at "
                    + "most " + MAX_LEVELS + " in the file"));
        }
    }

    /**
     * The number of distinct labels {@link #label} gives the values: distinct numbers, 0 and −0
     * as one, missing values not counted.
     */
    private static int distinctNumbers(double[] values) {
        // an open-addressing set of the values' bits, not a sort: a numeric adjustment column
        // of /weighted or /cox is counted here on every query
        long[] slots = new long[64];
        boolean[] used = new boolean[64];
        int distinct = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            long bits = Double.doubleToLongBits(v + 0.0); // -0.0 + 0.0 is 0.0
            int mask = slots.length - 1;
            int slot = (int) (mix(bits) & mask);
            while (used[slot] && slots[slot] != bits) {
                slot = (slot + 1) & mask;
            }
            if (!used[slot]) {
                used[slot] = true;
                slots[slot] = bits;
                distinct++;
                if (2 * distinct > slots.length) { // keep it at most half full
                    long[] oldSlots = slots;
                    boolean[] oldUsed = used;
                    slots = new long[2 * oldSlots.length];
                    used = new boolean[slots.length];
                    for (int j = 0; j < oldSlots.length; j++) {
                        if (oldUsed[j]) {
                            int k = (int) (mix(oldSlots[j]) & (slots.length - 1));
                            while (used[k]) {
                                k = (k + 1) & (slots.length - 1);
                            }
                            used[k] = true;
                            slots[k] = oldSlots[j];
                        }
                    }
                }
            }
        }
        return distinct;
    }

    /** Spreads a double's bits over the low ones (the murmur3 finaliser). */
    private static long mix(long bits) {
        long h = bits;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Numeric order if every value is a number, else text order (the format's rule). */
    private static Comparator<String> levelOrder(List<String> values) {
        boolean allNumbers = values.stream().allMatch(v -> v == null || isNumber(v));
        return allNumbers ? Comparator.comparingDouble(Double::parseDouble)
                .thenComparing(Comparator.naturalOrder()) : Comparator.naturalOrder();
    }

    private static boolean isNumber(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        return !Double.isNaN(Numbers.parse(b, 0, b.length));
    }

    /** A number as a level name: an integer without ".0", else as Java writes it. */
    public static String label(double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : Double.toString(v);
    }

    private static double[] column(Cohort cohort, String column, String stratifier)
            throws StratifierUnavailableException {
        if (!cohort.isNumeric(column)) {
            throw new StratifierUnavailableException(stratifier + " needs the " + column
                    + " column, which this cohort does not have");
        }
        return cohort.numbers(column);
    }

    private static double[] derived(double[] values, String stratifier, String sources)
            throws StratifierUnavailableException {
        if (values == null) {
            throw new StratifierUnavailableException(stratifier + " needs " + sources
                    + ", which this cohort does not have");
        }
        return values;
    }

    private static void noCutoff(String name, Map<String, Double> settings)
            throws StratifierUnavailableException {
        if (settings.containsKey("cutoff")) {
            throw new StratifierUnavailableException(name + " has fixed groups and takes no "
                    + "cutoff");
        }
    }
}
