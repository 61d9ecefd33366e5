package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.stats.ConfType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Report specs: the issue's JSON form, its YAML twin, defaults, and every kind of mistake. */
class ReportSpecParserTest {

    static final String ISSUE_EXAMPLE = "{\"cohort\": \"NAME\", \"endpoints\": [\"pfs\", \"os\"], "
            + "\"stratifiers\": [\"lipi\", {\"name\": \"cd8\", \"cutoff\": 150}], "
            + "\"landmarks\": [6, 12, 24], \"outputs\": [\"html\", \"pdf\", \"png\", \"csv\", "
            + "\"json\"]}";

    @Test
    @DisplayName("the issue's JSON example reads as written, defaults filled in")
    void issueExample() throws Exception {
        ReportSpec spec = ReportSpecParser.parse(ISSUE_EXAMPLE);
        assertEquals("NAME", spec.cohort());
        assertEquals(List.of("pfs", "os"), spec.endpoints());
        assertEquals(List.of(new ReportSpec.Stratifier("lipi", Map.of()),
                new ReportSpec.Stratifier("cd8", Map.of("cutoff", 150.0))), spec.stratifiers());
        assertEquals(List.of(6.0, 12.0, 24.0), java.util.Arrays.stream(spec.landmarks()).boxed()
                .toList());
        assertEquals(Set.of(ReportSpec.Output.HTML, ReportSpec.Output.PDF,
                ReportSpec.Output.PNG, ReportSpec.Output.CSV, ReportSpec.Output.JSON),
                spec.outputs());
        assertEquals(ConfType.LOG, spec.confType());
        assertEquals(0.95, spec.confLevel());
        assertEquals(false, spec.follow());
    }

    @Test
    @DisplayName("a cohort name is compared as uploads store it: lookalikes normalised, hidden "
            + "characters refused")
    void cohortNameNormalised() throws Exception {
        assertEquals("lung-2024", ReportSpecParser.parse("cohort: \"lung\\u20112024\"")
                .cohort());
        assertEquals("lung 2024", ReportSpecParser.parse("{\"cohort\": \"\uFF4C\uFF55\uFF4E"
                + "\uFF47\u00A0 2024\"}").cohort());
        ReportSpecException e = assertThrows(ReportSpecException.class,
                () -> ReportSpecParser.parse("cohort: \"lung\\u202E\""));
        assertEquals(List.of("cohort: The cohort name has an invisible, control or "
                + "direction-changing character at position 5 (U+202E RIGHT-TO-LEFT OVERRIDE): "
                + "type the name again without it."), e.problems());
    }

    @Test
    @DisplayName("the same spec in YAML (comments, block lists) has the same hash")
    void yamlTwin() throws Exception {
        String yaml = String.join("\n", "# every data cut", "cohort: NAME", "endpoints: [pfs, os]",
                "stratifiers:", "  - lipi", "  - name: cd8", "    cutoff: 150",
                "landmarks: [6, 12, 24]", "outputs: [json, csv, png, pdf, html]", "");
        assertEquals(ReportSpecParser.parse(ISSUE_EXAMPLE).sha256(),
                ReportSpecParser.parse(yaml).sha256());
    }

    @Test
    @DisplayName("unknown keys and bad values are all named, with what was expected")
    void problemsNamed() {
        ReportSpecException e = assertThrows(ReportSpecException.class, () ->
                ReportSpecParser.parse("{\"cohort\": \"x\", \"colour\": \"red\", "
                        + "\"stratifiers\": [\"lipi\", {\"name\": \"cd8\", \"cutoff\": \"high\"},"
                        + " {\"cutof\": 3}], \"landmarks\": [6, -1], \"outputs\": [\"rtf\"], "
                        + "\"conf_level\": 1.5, \"tests\": [\"nonsense\"], \"follow\": \"yes\"}"));
        assertEquals(List.of(
                "unknown key 'colour' (known: cohort, title, endpoints, stratifiers, landmarks, "
                        + "tests, conf_type, conf_level, outputs, follow, small_cells, analyses)",
                "stratifiers[1].cutoff: expected a number, got 'high'",
                "stratifiers[2]: unknown key 'cutof' (known: name, cutoff, tps_cutoff, ldh_uln)",
                "stratifiers[2].name: required, e.g. {\"name\": \"cd8\", \"cutoff\": 150}",
                "landmarks[1]: expected a time >= 0, got -1",
                "tests: unknown test 'nonsense'; expected logrank, gehan-breslow, tarone-ware, "
                        + "peto-peto, modified-peto or fh(rho,gamma) with rho, gamma >= 0",
                "conf_level: expected a number between 0 and 1, got 1.5",
                "outputs[0]: expected html, pdf, docx, png, svg, csv or json, got 'rtf'",
                "follow: expected true or false, got yes"), e.problems());
    }

    @Test
    @DisplayName("a spec without a cohort, or that is not an object, or not YAML, is refused")
    void shapes() {
        assertEquals(List.of("cohort: required (a cohort name, for its latest version, or an id)"),
                assertThrows(ReportSpecException.class, () -> ReportSpecParser.parse(
                        "{\"endpoints\": [\"os\"]}")).problems());
        assertEquals(List.of("the spec must be an object with keys such as cohort, endpoints, "
                + "stratifiers, outputs"), assertThrows(ReportSpecException.class,
                        () -> ReportSpecParser.parse("[1, 2]")).problems());
        assertThrows(ReportSpecException.class, () -> ReportSpecParser.parse("{\"cohort\": "));
    }

    @Test
    @DisplayName("YAML that SnakeYAML reads but no spec can be (a tag against its value, an "
            + "alias inside its own anchor) is refused with the reason, not a server error")
    void tagsAndSelfReference() {
        // found by MalformedRequestsFuzzTest: each was a 500 (the alias a StackOverflowError)
        Map<String, String> refused = Map.of(
                "cohort: !!int 'x'", "a value does not fit its tag (For input string: \"x\")",
                "cohort: !!binary '%%%'", "a value does not fit its tag",
                "cohort: !!str [a]", "a tag does not fit its value",
                "cohort: x\nendpoints: !!set [os]", "a tag does not fit its value",
                "cohort: x\nendpoints: &a [[*a]]", "the spec refers to itself",
                "cohort: &a [[*a]]", "the spec refers to itself",
                "cohort: x\nstratifiers: &a [{name: x, cutoff: [*a]}]",
                "the spec refers to itself");
        refused.forEach((spec, reason) -> {
            List<String> problems = assertThrows(ReportSpecException.class,
                    () -> ReportSpecParser.parse(spec), spec).problems();
            assertEquals(1, problems.size(), spec);
            assertTrue(problems.get(0).contains(reason), spec + ": " + problems);
        });
    }
    @Test
    @DisplayName("two analyses that would share a file name are refused, naming both; the same "
            + "stratifier with other cut-offs is named by them")
    void artefactNamesNeverRepeat() throws Exception {
        ReportSpecException e = assertThrows(ReportSpecException.class, () ->
                ReportSpecParser.parse("{\"cohort\": \"x\", \"endpoints\": [\"os\", \"OS\"], "
                        + "\"stratifiers\": [\"lipi\", {\"name\": \"cd8\", \"cutoff\": 100}, "
                        + "{\"name\": \"cd8\", \"cutoff\": 100.0}, \"lipi\", {\"name\": \"lipi\"}, "
                        + "\"CD8 \", \"Cd8\", \"cd8-cutoff-100\"]}"));
        assertEquals(List.of(
                "endpoints[1]: 'OS' would name its files as endpoints[0] 'os' does; list each "
                        + "endpoint once",
                "stratifiers[2]: the same analysis as stratifiers[1] ('cd8' with cutoff 100); "
                        + "list each stratifier and cut-off once",
                "stratifiers[3]: the same analysis as stratifiers[0] ('lipi'); list each "
                        + "stratifier and cut-off once",
                "stratifiers[4]: the same analysis as stratifiers[0] ('lipi'); list each "
                        + "stratifier and cut-off once",
                "stratifiers[4]: the same analysis as stratifiers[3] ('lipi'); list each "
                        + "stratifier and cut-off once",
                "stratifiers[6]: 'Cd8' would name its files as stratifiers[5] 'CD8' does "
                        + "(os-cd8.png); give stratifiers distinct names",
                "stratifiers[7]: 'cd8-cutoff-100' would name its files as stratifiers[1] 'cd8' "
                        + "with cutoff 100 does (os-cd8-cutoff-100.png); give stratifiers "
                        + "distinct names",
                "stratifiers[7]: 'cd8-cutoff-100' would name its files as stratifiers[2] 'cd8' "
                        + "with cutoff 100 does (os-cd8-cutoff-100.png); give stratifiers "
                        + "distinct names"), e.problems());
        ReportSpec twoCutoffs = ReportSpecParser.parse("{\"cohort\": \"x\", \"stratifiers\": "
                + "[{\"name\": \"cd8\", \"cutoff\": 100}, {\"name\": \"cd8\", \"cutoff\": 200}, "
                + "\"cd8\", {\"name\": \"pdl1_cd8\", \"cutoff\": 2.5, \"tps_cutoff\": 1}, "
                + "\"lipi\", \"pdl1_cd8\"]}");
        assertEquals(List.of("cd8-cutoff-100", "cd8-cutoff-200", "cd8",
                "pdl1_cd8-cutoff-2.5-tps_cutoff-1", "lipi", "pdl1_cd8"),
                ArtefactNames.stratifierParts(twoCutoffs.stratifiers()));
    }
}
