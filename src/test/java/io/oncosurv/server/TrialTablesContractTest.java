package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.testsupport.SampleCohorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON of the three trial tables has every field of the HTTP contract under the contract's
 * name and JSON type (shared/contract/analyses.md, "Answer shapes of the trial tables and the
 * weighted analysis"; each {@code hr} a /cox term), on the ICI sample cohort: a renamed or
 * dropped field fails here. Also that no number is kept a second time under an old name.
 */
class TrialTablesContractTest {

    private static final String TOKEN = "t";
    /** The /cox term's fields (analyses.md, first paragraph). */
    private static final List<String> TERM_NUMBERS = List.of("coef", "hr", "se", "hr_lower",
            "hr_upper", "p");

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static SampleCohortServer server;
    private static String ici;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = SampleCohortServer.start(vertx, dataDir, TOKEN);
        ici = server.idByFile().get(SampleCohorts.ICI);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JsonObject get(String path) throws Exception {
        HttpResponse<Buffer> r = server.get("/api/cohorts/" + ici + "/" + path);
        assertEquals(200, r.statusCode(), path + ": " + r.bodyAsString());
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"), path);
        return r.bodyAsJsonObject();
    }

    /** JSON types; the _OR_NULL ones are null where R gives NA. */
    private enum Type {
        INTEGER, NUMBER, NUMBER_OR_NULL, STRING, STRING_OR_NULL, BOOLEAN, OBJECT, ARRAY;

        boolean accepts(Object v) {
            return switch (this) {
                case INTEGER -> v instanceof Integer || v instanceof Long;
                case NUMBER -> v instanceof Number;
                case NUMBER_OR_NULL -> v == null || v instanceof Number;
                case STRING -> v instanceof String;
                case STRING_OR_NULL -> v == null || v instanceof String;
                case BOOLEAN -> v instanceof Boolean;
                case OBJECT -> v instanceof JsonObject;
                case ARRAY -> v instanceof JsonArray;
            };
        }
    }

    /** The field is present (null counts as present) with that type. */
    private static Object has(JsonObject o, String at, String key, Type type) {
        assertTrue(o.containsKey(key), at + ": no field '" + key + "' in " + o.encode());
        Object v = o.getValue(key);
        assertTrue(type.accepts(v), at + "." + key + " is not " + type + ": " + v);
        return v;
    }

    private static void has(JsonObject o, String at, Type type, String... keys) {
        for (String key : keys) {
            has(o, at, key, type);
        }
    }

    private static List<JsonObject> objects(JsonObject o, String at, String key) {
        JsonArray array = (JsonArray) has(o, at, key, Type.ARRAY);
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object v = array.getValue(i);
            assertTrue(v instanceof JsonObject, at + "." + key + "[" + i + "] is not an object");
            out.add((JsonObject) v);
        }
        return out;
    }

    private static void lacks(JsonObject o, String at, String... keys) {
        for (String key : keys) {
            assertFalse(o.containsKey(key), at + " keeps the old field '" + key + "'");
        }
    }

    /**
     * A /cox term: {@code term}, {@code level} as /cox names the model column, the numbers,
     * and hr = exp(coef) with its limits around it (they are one computation).
     */
    private static void coxTerm(JsonObject hr, String at, String term, String level) {
        assertEquals(term, has(hr, at, "term", Type.STRING), at);
        assertEquals(level, has(hr, at, "level", Type.STRING_OR_NULL), at);
        has(hr, at, Type.NUMBER, TERM_NUMBERS.toArray(new String[0]));
        double coef = hr.getDouble("coef");
        assertEquals(Math.exp(coef), hr.getDouble("hr"), 1e-12 * hr.getDouble("hr"), at);
        assertTrue(hr.getDouble("hr_lower") < hr.getDouble("hr")
                && hr.getDouble("hr") < hr.getDouble("hr_upper"), at + ": " + hr.encode());
        assertTrue(hr.getDouble("se") > 0 && hr.getDouble("p") >= 0 && hr.getDouble("p") <= 1,
                at + ": " + hr.encode());
    }

    @Test
    @DisplayName("tte-table: conf_level, n_excluded, each group's counts, median with limits, "
            + "quantiles 0.25/0.75, min/max with censored flags, milestones; each comparison's "
            + "log-rank p's, HR as a /cox term of by, milestone differences")
    void tteTable() throws Exception {
        JsonObject body = get("tte-table?endpoint=os&by=arm&strata=sex&milestones=6,12");
        assertEquals(0.95, has(body, "tte-table", "conf_level", Type.NUMBER));
        has(body, "tte-table", "n_excluded", Type.INTEGER);
        List<JsonObject> groups = objects(body, "tte-table", "groups");
        assertEquals(2, groups.size());
        for (JsonObject g : groups) {
            String at = "group " + has(g, "group", "label", Type.STRING);
            has(g, at, Type.INTEGER, "n", "events", "censored");
            has(g, at, Type.NUMBER, "events_pct", "censored_pct", "min", "max");
            has(g, at, Type.NUMBER_OR_NULL, "median", "median_lower", "median_upper");
            has(g, at, Type.BOOLEAN, "min_censored", "max_censored");
            assertEquals(g.getInteger("n"), g.getInteger("events") + g.getInteger("censored"));
            assertEquals(100.0 * g.getInteger("events") / g.getInteger("n"),
                    g.getDouble("events_pct"), 1e-12, at);
            // the quartiles as numbers beside the median; their limits in an extra object
            JsonObject quantiles = (JsonObject) has(g, at, "quantiles", Type.OBJECT);
            has(quantiles, at + " quantiles", Type.NUMBER_OR_NULL, "0.25", "0.75");
            JsonObject limits = (JsonObject) has(g, at, "quantile_limits", Type.OBJECT);
            for (String p : List.of("0.25", "0.75")) {
                JsonObject q = (JsonObject) has(limits, at + " quantile_limits", p, Type.OBJECT);
                has(q, at + " quantile " + p, Type.NUMBER_OR_NULL, "lower", "upper");
            }
            // this cohort's arms reach their 25th percentile and median (75th: not reached)
            assertTrue(quantiles.getDouble("0.25") <= g.getDouble("median"), at);
            List<JsonObject> milestones = objects(g, at, "milestones");
            assertEquals(2, milestones.size());
            for (JsonObject m : milestones) {
                has(m, at + " milestone", Type.NUMBER, "time", "survival");
                has(m, at + " milestone", "n_risk", Type.INTEGER);
                has(m, at + " milestone", Type.NUMBER_OR_NULL, "std_err", "lower", "upper");
                lacks(m, at + " milestone", "surv");
            }
            assertEquals(List.of(6.0, 12.0), milestones.stream().map(m -> m.getDouble("time"))
                    .toList());
            lacks(g, at, "q25", "q75");
        }
        List<JsonObject> comparisons = objects(body, "tte-table", "comparisons");
        assertEquals(groups.size() - 1, comparisons.size(), "one per group after the first");
        JsonObject c = comparisons.get(0);
        assertEquals(groups.get(1).getString("label"), has(c, "comparison", "label",
                Type.STRING));
        assertEquals(groups.get(0).getString("label"), has(c, "comparison", "reference",
                Type.STRING));
        has(c, "comparison", Type.NUMBER, "logrank_p", "logrank_p_stratified");
        lacks(c, "comparison", "stratified_logrank_p");
        coxTerm((JsonObject) has(c, "comparison", "hr", Type.OBJECT), "comparison hr", "arm",
                groups.get(1).getString("label"));
        List<JsonObject> differences = objects(c, "comparison", "milestones");
        assertEquals(2, differences.size());
        for (JsonObject d : differences) {
            has(d, "difference", Type.NUMBER, "time", "difference", "lower", "upper", "p");
        }

        JsonObject plain = get("tte-table?endpoint=os&by=arm");
        JsonObject unstratified = plain.getJsonArray("comparisons").getJsonObject(0);
        has(unstratified, "unstratified comparison", "logrank_p_stratified",
                Type.NUMBER_OR_NULL);
        assertNull(unstratified.getValue("logrank_p_stratified"), "null without strata");
    }

    @Test
    @DisplayName("baseline: by and variables; numeric ones with kruskal, p and per group label, "
            + "n, median, q1, q3, mean, sd, n_missing; categorical ones with chisq or fisher, p "
            + "and per level its groups' label, n, pct; no by: test and p null with a reason")
    void baseline() throws Exception {
        JsonObject body = get("baseline?by=arm");
        assertEquals("arm", has(body, "baseline", "by", Type.STRING));
        List<String> arms = List.of("ICI", "ICI+LAT");
        int numeric = 0;
        int categorical = 0;
        int tested = 0;
        for (JsonObject v : objects(body, "baseline", "variables")) {
            String at = "variable " + has(v, "variable", "column", Type.STRING);
            String type = (String) has(v, at, "type", Type.STRING);
            String test = (String) has(v, at, "test", Type.STRING_OR_NULL);
            // no test (a column with one value): test and p null, and why
            has(v, at, "p", test == null ? Type.NUMBER_OR_NULL : Type.NUMBER);
            if (test == null) {
                assertNull(v.getValue("p"), at);
                has(v, at, "reason", Type.STRING);
            }
            lacks(v, at, "kind", "summaries");
            if (type.equals("numeric")) {
                assertEquals("kruskal", test, at);
                List<JsonObject> groups = objects(v, at, "groups");
                assertEquals(arms, groups.stream().map(g -> g.getString("label")).toList(), at);
                for (JsonObject g : groups) {
                    has(g, at, Type.STRING, "label");
                    has(g, at, Type.INTEGER, "n", "n_missing");
                    has(g, at, Type.NUMBER, "median", "q1", "q3", "mean", "sd");
                    assertTrue(g.getDouble("q1") <= g.getDouble("median")
                            && g.getDouble("median") <= g.getDouble("q3"), at);
                }
                numeric++;
            } else {
                assertEquals("categorical", type, at);
                assertTrue(test == null || Set.of("chisq", "fisher").contains(test),
                        at + ": " + test);
                tested += test == null ? 0 : 1;
                List<JsonObject> levels = objects(v, at, "levels");
                assertFalse(levels.isEmpty(), at);
                for (JsonObject level : levels) {
                    String lat = at + " level " + has(level, at, "level", Type.STRING);
                    List<JsonObject> groups = objects(level, lat, "groups");
                    assertEquals(arms, groups.stream().map(g -> g.getString("label")).toList(),
                            lat);
                    for (JsonObject g : groups) {
                        has(g, lat, "label", Type.STRING);
                        has(g, lat, "n", Type.INTEGER);
                        has(g, lat, "pct", Type.NUMBER);
                    }
                }
                categorical++;
            }
        }
        assertTrue(numeric > 0 && categorical > 0 && tested > 0, numeric + " numeric, "
                + categorical + " categorical, " + tested + " of them tested");

        JsonObject overall = get("baseline");
        has(overall, "baseline without by", "by", Type.STRING_OR_NULL);
        for (JsonObject v : objects(overall, "baseline without by", "variables")) {
            String at = v.getString("column") + " without by";
            assertNull(has(v, at, "test", Type.STRING_OR_NULL), at);
            assertNull(has(v, at, "p", Type.NUMBER_OR_NULL), at);
            has(v, at, "reason", Type.STRING);
        }
    }

    @Test
    @DisplayName("subgroups: treatment, reference, overall n, events and HR as a /cox term of "
            + "the treatment; per by its interaction_p and levels with label, n, events, HR")
    void subgroups() throws Exception {
        JsonObject body = get("subgroups?endpoint=os&treatment=arm&by=pdl1,cd8,lipi");
        assertEquals("arm", has(body, "subgroups", "treatment", Type.STRING));
        assertEquals("ICI", has(body, "subgroups", "reference", Type.STRING));
        JsonObject overall = (JsonObject) has(body, "subgroups", "overall", Type.OBJECT);
        has(overall, "overall", Type.INTEGER, "n", "events");
        coxTerm((JsonObject) has(overall, "overall", "hr", Type.OBJECT), "overall hr", "arm",
                "ICI+LAT");
        lacks(body, "subgroups", "all");
        List<JsonObject> subgroups = objects(body, "subgroups", "subgroups");
        assertEquals(List.of("pdl1", "cd8", "lipi"), subgroups.stream()
                .map(s -> s.getString("by")).toList());
        for (JsonObject s : subgroups) {
            String at = "subgroup " + has(s, "subgroup", "by", Type.STRING);
            double p = (Double) has(s, at, "interaction_p", Type.NUMBER);
            assertTrue(p >= 0 && p <= 1, at);
            if (s.getJsonObject("interaction") != null) {
                lacks(s.getJsonObject("interaction"), at + " interaction", "p");
            }
            List<JsonObject> levels = objects(s, at, "levels");
            assertTrue(levels.size() >= 2, at);
            for (JsonObject level : levels) {
                String lat = at + " level " + has(level, at, "label", Type.STRING);
                has(level, lat, Type.INTEGER, "n", "events");
                coxTerm((JsonObject) has(level, lat, "hr", Type.OBJECT), lat + " hr", "arm",
                        "ICI+LAT");
            }
            assertEquals(s.getInteger("n"), levels.stream().mapToInt(l -> l.getInteger("n"))
                    .sum(), at + ": the levels partition the patients with a value");
        }
    }
}
