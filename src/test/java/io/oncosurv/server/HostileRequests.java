package io.oncosurv.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Malformed requests for {@link MalformedRequestsFuzzTest}, made by a seeded generator: GET
 * URIs of every read endpoint and page with bad, repeated and unknown query parameters, wrong
 * types, huge numbers, NaN and infinities, percent-encoded invalid UTF-8, odd Unicode and path
 * traversal in ids; and report specs that are not JSON or YAML, or abuse them (aliases, nesting,
 * huge numbers). Everything is already percent-encoded as it goes on the wire.
 */
final class HostileRequests {

    /** Paths with {id} for a cohort id (or a hostile one), the analyses more often. */
    private static final List<String> PATHS = List.of("/api/cohorts/{id}",
            "/api/cohorts/{id}/survival", "/api/cohorts/{id}/survival",
            "/api/cohorts/{id}/survival", "/api/cohorts/{id}/survival", "/api/cohorts/{id}/cox",
            "/api/cohorts/{id}/cox", "/api/cohorts/{id}/cutpoint", "/api/cohorts/{id}/cutpoint",
            "/api/cohorts/{id}/panel", "/api/cohorts/{id}/plot.png", "/api/cohorts/{id}/plot.png",
            "/api/cohorts/{id}/plot.svg", "/api/cohorts/{id}/plot.svg",
            "/api/cohorts/{id}/plot.pdf", "/api/cohorts/{id}/panel/forest.png",
            "/api/cohorts/{id}/panel/forest.svg", "/api/cohorts/{id}/panel/forest.pdf",
            "/api/cohorts/{id}/survival.csv", "/api/cohorts/{id}/survival.csv",
            "/api/cohorts/{id}/panel.csv", "/api/cohorts/{id}/followup.csv",
            "/api/cohorts/{id}/completeness.csv", "/api/cohorts/{id}/summary", "/api/cohorts",
            "/api/cohorts.csv", "/api/cohorts/{id}/nothing", "/api/reports/{id}",
            "/api/reports/{id}/events", "/api/reports/{id}/artefacts/{id}", "/cohorts/{id}",
            "/cohorts/{id}/analysis", "/cohorts/{id}/analysis", "/cohorts/{id}/analysis",
            "/cohorts/{id}/analysis.pdf", "/cohorts/{id}/panel", "/cohorts/{id}/panel.pdf", "/",
            "/reports/{id}", "/reports", "/api/reports",
            "/login", "/static/{id}", "/cohorts/{id}/..%2F..%2F..%2Fetc%2Fpasswd",
            "/cohorts/../../etc/passwd", "//api//cohorts//{id}//survival",
            "/API/COHORTS/{id}/SURVIVAL");

    private static final List<String> IDS = List.of("..%2F..%2Fetc%2Fpasswd", "..%2f..%2f",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..", "%00", "a%00b", "x".repeat(5000),
            "%ED%A0%80", "%FF%FE", "%C0%AF", "%E2%80%AEdi.exe", "%F0%9F%98%80", "NaN", "-1",
            "99999999999999999999", "%27%20OR%201%3D1--", "%25", "%", "%2", "%G0", "lung",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%20", "%0D%0ASet-Cookie:%20a%3Db",
            "%E2%80%8B", "e%CC%81%CC%81", "%EF%BB%BF");

    private static final List<String> NAMES = List.of("endpoint", "by", "cutoff", "tps_cutoff",
            "ldh_uln", "conf_type", "conf_level", "landmarks", "tau", "rho", "strata", "subset",
            "tests", "scores", "terms", "ties", "variable", "permutations", "seed", "endpoints",
            "width", "height", "dpi", "bands", "medians", "censor", "show_test", "show_hr",
            "xmax", "title", "small_cells", "next", "error");

    private static final List<String> ODD_NAMES = List.of("", "%00", "x", "ENDPOINT",
            "endpoint%5B%5D", "%ED%A0%80", "a".repeat(3000), "endpoint%00", "%E2%80%AEby",
            "__proto__", "constructor");

    private static final List<String> VALUES = List.of("", "os", "pfs", "OS", "%20os%20", "xyz",
            "NaN", "nan", "Infinity", "-Infinity", "inf", "-0", "0", "1", "-1", "0.5", "1e400",
            "-1e400", "1e-400", "4.9e-324", "1e308", "99999999999999999999",
            "-99999999999999999999", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "2147483648", "0x10", "1_0", "1,2,3", ",,,", "1,NaN", "1;2",
            "%ED%A0%80", "%FF", "%C0%AF", "%E2%80%AEso", "%F0%9F%98%80", "%00", "%", "%%",
            "%2", "+", "%20", "a%26b%3Dc", "x".repeat(3000), "fh(1,1)", "fh(1e400,0)",
            "fh(NaN,1)", "fh(1,2", "fh(", "fh()", "fh(-1,-1)", "all,all", "maxcombo,trend",
            "hr", "all", "trend", "maxcombo", "sex:1", "sex:", ":", ":1", "lipi:poor",
            "arm:EGFR-TKI", "arm:ICI", "nosuch:1", "sex:1:2", "sex", "ph_ecog", "pdl1", "cd8",
            "lipi", "nlr", "dnlr", "pdl1_cd8", "akkermansia", "antibiotics", "shannon", "arm",
            "age", "patient_id", "os_months", "os_event", "meal_cal", "..%2F..%2Fetc%2Fpasswd",
            "efron", "breslow", "exact", "log", "log-log", "plain", "arcsin", "true", "false",
            "yes", "2", "0.95", "1.5", "600", "20", "%2Flogin", "%2F%2Fevil.example",
            "https:%2F%2Fevil.example", "%5C%5Cevil", "%0D%0ALocation:%20x",
            "%3Cscript%3E", "%7B%7B7*7%7D%7D");

    private static final List<String> BY = List.of("sex", "ph_ecog", "arm", "lipi", "pdl1",
            "cd8", "pdl1_cd8", "nlr", "dnlr", "akkermansia", "antibiotics", "shannon", "age",
            "disease_state", "inst");

    private HostileRequests() {
    }

    /** A GET URI: a path of the API or the pages, an id, and a hostile query. */
    static String uri(Random r, List<String> ids) {
        String id = r.nextInt(10) < 7 ? ids.get(r.nextInt(ids.size())) : pick(r, IDS);
        String path = pick(r, PATHS).replace("{id}", id);
        StringBuilder query = new StringBuilder();
        if (r.nextInt(4) != 0) {
            query.append(start(path, r));
        }
        int params = r.nextInt(5);
        for (int p = 0; p < params; p++) {
            String name = r.nextInt(8) == 0 ? pick(r, ODD_NAMES) : pick(r, NAMES);
            int times = r.nextInt(6) == 0 ? 2 + r.nextInt(3) : 1;
            for (int t = 0; t < times; t++) {
                query.append(query.isEmpty() ? "" : "&").append(name);
                if (r.nextInt(12) != 0) { // a name without '=' now and then
                    query.append('=').append(pick(r, VALUES));
                }
            }
        }
        if (r.nextInt(15) == 0) {
            query.append(pick(r, List.of("&&&", "&=", "=&=", "&%", "#fragment", "?again=1",
                    "&landmarks=" + "1,".repeat(400), "&subset=sex:1".repeat(200))));
        }
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** Parameters that the path takes, so that the hostile ones after them reach the analysis. */
    private static String start(String path, Random r) {
        String endpoint = "endpoint=" + (r.nextInt(4) == 0 ? "pfs" : "os");
        if (path.endsWith("/cox")) {
            return endpoint + "&terms=" + pick(r, BY) + (r.nextBoolean() ? "," + pick(r, BY) : "");
        } else if (path.endsWith("/cutpoint")) {
            return endpoint + "&variable=" + pick(r, List.of("age", "meal_cal", "cd8_til",
                    "shannon", "wt_loss"));
        } else if (path.endsWith("/panel") && path.startsWith("/api/") || path.endsWith(
                "panel.csv")) {
            return "endpoints=" + pick(r, List.of("os", "pfs,os", "os,os"));
        } else if (path.contains("forest") || path.contains("panel")) {
            return endpoint;
        }
        return endpoint + (r.nextBoolean() ? "&by=" + pick(r, BY) : "");
    }

    /** A report spec body that must be refused: not JSON or YAML, or abusing it. */
    static String spec(Random r) {
        if (r.nextInt(3) == 0) {
            return pick(r, FIXED_SPECS);
        }
        List<String> entries = new ArrayList<>();
        entries.add("\"cohort\": " + pick(r, List.of("\"no-such-cohort\"", "null", "1e400",
                "[]", "{}", "\"\"", "\"" + "x".repeat(300) + "\"", "\"\\u0000\"",
                "\"\\ud800\"", "\"\\u202Ecohort\"")));
        int keys = r.nextInt(6);
        for (int k = 0; k < keys; k++) {
            entries.add("\"" + pick(r, SPEC_KEYS) + "\": " + pick(r, SPEC_VALUES));
        }
        return "{" + String.join(", ", entries) + "}";
    }

    private static final List<String> SPEC_KEYS = List.of("title", "endpoints", "stratifiers",
            "landmarks", "tests", "conf_type", "conf_level", "outputs", "follow", "small_cells",
            "unknown", "", "\\u0000", "cohort");

    private static final List<String> SPEC_VALUES = List.of("1e400", "-1e400", "99999999999999999999",
            "-0", "0", "1", "0.95", "NaN", "\"NaN\"", "Infinity", "null", "true", "\"\"",
            "[]", "{}", "[1e400]", "[-1]", "[\"os\", 1e400]", "[{\"name\": \"cd8\", \"cutoff\": "
            + "1e400}]", "[{\"cutoff\": 1}]", "[{\"name\": null}]", "[\"fh(1e400,0)\"]",
            "[\"html\", \"exe\"]", "\"x\"", "[" + "1,".repeat(50) + "1]", "\"" + "é".repeat(300)
            + "\"", "[[[[[[[[[[]]]]]]]]]]", "{\"a\": {\"b\": {\"c\": {}}}}");

    private static final List<String> FIXED_SPECS = fixedSpecs();

    private static List<String> fixedSpecs() {
        List<String> specs = new ArrayList<>(List.of("", " ", "{", "[", "}", "null", "~", "[]",
                "\"a string\"", "42", "{\"cohort\": }", "{\"cohort\": \"no-such-cohort\"",
                "{\"cohort\": \"no-such-cohort\"}", "cohort: [unclosed", "cohort: *unknown",
                "a: &a [*a]", "%YAML 9.9\n---\n{}", "--- !!binary SGVsbG8=",
                "cohort: !!int 'x'", "cohort: !!binary '%%%'", "cohort: !!str [a]",
                "cohort: x\nendpoints: !!set [os]", "cohort: x\nendpoints: &a [[*a]]",
                "cohort: &a [[*a]]", "cohort: x\nstratifiers: &a [{name: x, cutoff: [*a]}]",
                "&a {cohort: x, b: [*a]}", "cohort: x\n? &a [[*a]]\n: 1",
                "cohort: x\nendpoints: !!set {? &a [*a] }", "cohort: a\ncohort: b",
                "\tcohort: tabs",
                "!!java.lang.Runtime {}", "cohort: !!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]",
                "cohort: no-such-cohort\nconf_level: 1e400\nsmall_cells: 99999999999999999999\n"
                + "landmarks: [.nan, .inf, -.inf, 1e400]", "\u0000\u0000", "\uFEFF{}",
                "cohort: \"\\ud800\"", "? [a, b]\n: c", "<spec/>", "cohort: no-such-cohort\n"
                + "title: " + "x".repeat(70_000)));
        // billion laughs: ten levels of ten aliases each
        StringBuilder laughs = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int level = 1; level < 10; level++) {
            laughs.append("a").append(level).append(": &a").append(level).append(" [");
            for (int k = 0; k < 10; k++) {
                laughs.append(k == 0 ? "" : ",").append("*a").append(level - 1);
            }
            laughs.append("]\n");
        }
        specs.add(laughs + "cohort: no-such-cohort\nendpoints: *a9\n");
        specs.add("cohort: no-such-cohort\nendpoints: " + "[".repeat(10_000)
                + "]".repeat(10_000));
        specs.add("{\"cohort\": \"no-such-cohort\", \"stratifiers\": " + "[".repeat(5_000)
                + "]".repeat(5_000) + "}");
        specs.add("cohort: no-such-cohort\nstratifiers:\n" + nestedBlockList(2_000));
        specs.add("{\"a\":" .repeat(5_000) + "1" + "}".repeat(5_000));
        return List.copyOf(specs);
    }

    private static String nestedBlockList(int depth) {
        StringBuilder out = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            out.append(" ".repeat(d * 2)).append("-\n");
        }
        return out.append(" ".repeat(depth * 2)).append("- x\n").toString();
    }

    private static String pick(Random r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }
}
