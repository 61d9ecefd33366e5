package io.oncosurv.stats;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.oncosurv.testsupport.ReferenceCsv;
import io.oncosurv.testsupport.SharedReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The weighted log-rank family, the trend test and RMST comparisons against
 * {@code src/test/resources/r/weighted_reference.json}, made by
 * {@code src/test/r/weighted_reference.R} (R 4.2.2, survival 3.5.3, survMisc 0.5.6): there an
 * R loop over event times, checked against survdiff for G(rho, 0) and against survMisc::comp for
 * every weighting, computes the answers.
 */
class WeightedTestsReferenceTest {

    private static final JsonNode REFERENCE =
            SharedReference.generatedJson("weighted_reference.json");

    /** The reference's samples by key, groups and strata coded as R's factors are. */
    static Map<String, SurvivalSample> samples() {
        Map<String, SurvivalSample> samples = new LinkedHashMap<>();
        ReferenceCsv lung = SharedReference.csv("lung.csv");
        samples.put("lung_sex", sample(lung, all(lung), "sex", List.of("1", "2"), null, null));
        int[] withEcog = present(lung, "ph_ecog");
        List<String> ecog = List.of("0", "1", "2", "3");
        samples.put("lung_sex_strata_ecog",
                sample(lung, withEcog, "sex", List.of("1", "2"), "ph_ecog", ecog));
        samples.put("lung_ecog", sample(lung, withEcog, "ph_ecog", ecog, null, null));
        samples.put("lung_ecog_strata_sex",
                sample(lung, withEcog, "ph_ecog", ecog, "sex", List.of("1", "2")));
        ReferenceCsv vet = SharedReference.csv("veteran.csv");
        samples.put("veteran_celltype", sample(vet, all(vet), "celltype",
                List.of("squamous", "smallcell", "adeno", "large"), null, null));
        samples.put("veteran_trt", sample(vet, all(vet), "trt", List.of("1", "2"), null, null));
        samples.put("delayed_arm", delayed());
        return samples;
    }

    @TestFactory
    @DisplayName("Gehan–Breslow, Tarone–Ware, Peto–Peto, modified Peto and FH(rho, gamma) match R")
    Stream<DynamicTest> weightedTestsMatchR() {
        Map<String, SurvivalSample> samples = samples();
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<String> keys = REFERENCE.get("tests").fieldNames(); keys.hasNext();) {
            String key = keys.next();
            JsonNode byTest = REFERENCE.get("tests").get(key);
            for (Iterator<String> names = byTest.fieldNames(); names.hasNext();) {
                String name = names.next();
                String label = key + " " + name;
                tests.add(DynamicTest.dynamicTest(label, () -> LogRankReferenceTest.compare(label,
                        byTest.get(name), LogRank.test(samples.get(key), Weighting.parse(name)))));
            }
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("the log-rank test for trend (scores 1..k and custom, stratified) matches R")
    Stream<DynamicTest> trendMatchesR() {
        Map<String, SurvivalSample> samples = samples();
        Map<String, String> sampleOf = Map.of("lung_ecog", "lung_ecog",
                "lung_ecog_scores_0137", "lung_ecog", "lung_ecog_strata_sex",
                "lung_ecog_strata_sex");
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<String> keys = REFERENCE.get("trend").fieldNames(); keys.hasNext();) {
            String key = keys.next();
            JsonNode byTest = REFERENCE.get("trend").get(key);
            for (Iterator<String> names = byTest.fieldNames(); names.hasNext();) {
                String name = names.next();
                JsonNode expected = byTest.get(name);
                tests.add(DynamicTest.dynamicTest(key + " " + name, () -> {
                    LogRankResult test = LogRank.test(samples.get(sampleOf.get(key)),
                            Weighting.parse(name));
                    TrendTest trend = TrendTest.of(test, Approx.numbers(expected.get("scores")));
                    Approx check = new Approx(key + " " + name);
                    check.close("u", expected.get("u"), trend.u(), R_NUMBERS);
                    check.close("variance", expected.get("variance"), trend.variance(), R_NUMBERS);
                    check.close("z", expected.get("z"), trend.z(), R_NUMBERS);
                    check.close("chisq", expected.get("chisq"), trend.chiSquare(), R_NUMBERS);
                    check.exact("df", 1, trend.df());
                    check.close("p", expected.get("p"), trend.p(), R_NUMBERS);
                    check.assertNone();
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("RMST difference and ratio with limits and p-values match R")
    Stream<DynamicTest> rmstComparisonsMatchR() {
        Map<String, SurvivalSample> samples = samples();
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<String> keys = REFERENCE.get("rmst").fieldNames(); keys.hasNext();) {
            String key = keys.next();
            JsonNode expected = REFERENCE.get("rmst").get(key);
            SurvivalSample sample = samples.get(key.substring(0, key.lastIndexOf("_tau")));
            tests.add(DynamicTest.dynamicTest(key, () -> {
                double tau = expected.get("tau").asDouble();
                double level = expected.get("conf_level").asDouble();
                SurvivalCurve[] curves = KaplanMeier.fitGroups(sample, ConfType.LOG, level);
                RestrictedMean reference = Rmst.of(curves[0], tau);
                Approx check = new Approx(key);
                for (int g = 1; g < curves.length; g++) {
                    RestrictedMean mean = Rmst.of(curves[g], tau);
                    check.close("rmean[" + g + "]", expected.get("rmean").get(g).asDouble(),
                            mean.estimate(), R_NUMBERS);
                    RmstComparison c = RmstComparison.of(mean, reference, level);
                    JsonNode e = expected.get("comparisons").get(g - 1);
                    check.close("difference", e.get("difference"), c.difference(), R_NUMBERS);
                    check.close("difference_se", e.get("difference_se"), c.differenceStdErr(),
                            R_NUMBERS);
                    check.close("difference_lower", e.get("difference_lower"),
                            c.differenceLower(), R_NUMBERS);
                    check.close("difference_upper", e.get("difference_upper"),
                            c.differenceUpper(), R_NUMBERS);
                    check.close("difference_p", e.get("difference_p"), c.differenceP(),
                            R_NUMBERS);
                    check.close("ratio", e.get("ratio"), c.ratio(), R_NUMBERS);
                    check.close("log_ratio_se", e.get("log_ratio_se"), c.logRatioStdErr(),
                            R_NUMBERS);
                    check.close("ratio_lower", e.get("ratio_lower"), c.ratioLower(), R_NUMBERS);
                    check.close("ratio_upper", e.get("ratio_upper"), c.ratioUpper(), R_NUMBERS);
                    check.close("ratio_p", e.get("ratio_p"), c.ratioP(), R_NUMBERS);
                }
                check.assertNone();
            }));
        }
        return tests.stream();
    }

    @Test
    @DisplayName("G(rho, 0) by name is bit-identical to survdiff's rho, and names round-trip")
    void fhWithZeroGammaIsSurvdiff() {
        SurvivalSample lung = samples().get("lung_sex");
        LogRankResult byRho = LogRank.test(lung, 1.0);
        LogRankResult byName = LogRank.test(lung, Weighting.parse("fh(1,0)"));
        assertEquals(byRho.chiSquare(), byName.chiSquare(), 0.0);
        assertEquals(LogRank.test(lung, 0.0).chiSquare(),
                LogRank.test(lung, Weighting.parse("FH(0, 0)")).chiSquare(), 0.0);
        for (String name : List.of("logrank", "gehan-breslow", "tarone-ware", "peto-peto",
                "modified-peto", "fh(0.5,2)", "fh(1,0)")) {
            assertEquals(name, Weighting.parse(name).label());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Weighting.parse("wilcoxon"));
        assertEquals("unknown test 'wilcoxon'; expected logrank, gehan-breslow, tarone-ware, "
                + "peto-peto, modified-peto or fh(rho,gamma) with rho, gamma >= 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Weighting.parse("fh(-1,0)"));
        assertThrows(IllegalArgumentException.class, () -> Weighting.parse("fh(1)"));
    }

    private static SurvivalSample sample(ReferenceCsv csv, int[] rows, String groupColumn,
            List<String> levels, String strataColumn, List<String> strataLevels) {
        double[] time = new double[rows.length];
        boolean[] event = new boolean[rows.length];
        int[] group = new int[rows.length];
        int[] stratum = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            time[i] = csv.number(rows[i], "os_months");
            event[i] = csv.number(rows[i], "os_event") == 1;
            group[i] = levels.indexOf(csv.text(rows[i], groupColumn));
            stratum[i] = strataColumn == null ? 0
                    : strataLevels.indexOf(csv.text(rows[i], strataColumn));
        }
        SurvivalSample.Builder builder = SurvivalSample.builder(time, event)
                .groups(group, levels.size());
        return strataColumn == null ? builder.build()
                : builder.strata(stratum, strataLevels.size()).build();
    }

    private static SurvivalSample delayed() {
        JsonNode rows = REFERENCE.get("delayed_input");
        double[] time = new double[rows.size()];
        boolean[] event = new boolean[rows.size()];
        int[] group = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            time[i] = rows.get(i).get("os_months").asDouble();
            event[i] = rows.get(i).get("os_event").asInt() == 1;
            group[i] = rows.get(i).get("arm").asText().equals("control") ? 0 : 1;
        }
        return SurvivalSample.builder(time, event).groups(group, 2).build();
    }

    private static int[] all(ReferenceCsv csv) {
        int[] rows = new int[csv.size()];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = r;
        }
        return rows;
    }

    private static int[] present(ReferenceCsv csv, String column) {
        return java.util.stream.IntStream.range(0, csv.size())
                .filter(r -> !csv.text(r, column).isEmpty()).toArray();
    }
}
