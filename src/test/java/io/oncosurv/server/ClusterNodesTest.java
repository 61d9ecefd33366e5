package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.analysis.SurvivalAnalysis;
import io.oncosurv.cohort.CohortReader;
import io.oncosurv.json.CoxJson;
import io.oncosurv.json.PanelJson;
import io.oncosurv.json.SurvivalJson;
import io.oncosurv.server.bus.Messages;
import io.oncosurv.server.http.CoxParameters;
import io.oncosurv.server.http.CumulativeIncidenceParameters;
import io.oncosurv.server.http.CutpointParameters;
import io.oncosurv.server.http.ExposureBiasParameters;
import io.oncosurv.server.http.FineGrayParameters;
import io.oncosurv.server.http.SurvivalParameters;
import io.oncosurv.server.http.TteTableParameters;
import io.oncosurv.server.worker.AnalysisWorker;
import io.oncosurv.server.worker.ReportWorker;
import io.oncosurv.testsupport.Await;
import io.oncosurv.testsupport.TestPostgres;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes on loopback, one cluster (Hazelcast, TCP members), one PostgreSQL
 * store: queries asked on one node are computed by workers on the others and answer exactly as
 * one node would; with a node killed (SIGKILL), queries still answer (sent again to another);
 * a report job whose node is killed completes on another.
 */
class ClusterNodesTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("three clustered nodes: work on any node, the single-node answers, a killed "
            + "node's queries and report job finished by the others")
    void threeNodes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Files.createDirectories(work.resolve("none"));
        int[] busPorts = {ServerProcess.freePort(), ServerProcess.freePort(),
                ServerProcess.freePort()};
        String members = "127.0.0.1:" + busPorts[0] + ",127.0.0.1:" + busPorts[1]
                + ",127.0.0.1:" + busPorts[2];
        ClusterCertificates certs = ClusterCertificates.make(work.resolve("certs"));
        try (TestPostgres pg = TestPostgres.create()) {
            // all three start at once (each waits for the others to form the cluster); every
            // one launched is closed in finally, healthy or not
            List<ServerProcess> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Map<String, String> env = new HashMap<>(Map.of("ONCOSURV_DB_URL", pg.url(),
                            "ONCOSURV_DB_USER", pg.user(), "ONCOSURV_DB_PASSWORD",
                            pg.password(), "ONCOSURV_REPORT_LEASE_SECONDS", "3",
                            "ONCOSURV_CLUSTER", "true", "ONCOSURV_CLUSTER_PORT",
                            Integer.toString(busPorts[i]), "ONCOSURV_CLUSTER_MEMBERS", members,
                            "ONCOSURV_NODE", "node-" + i));
                    env.putAll(certs.node()); // the cluster's secret and certificates
                    Path samples = i == 0 ? Path.of("cohorts") : work.resolve("none");
                    nodes.add(ServerProcess.launch(work.resolve("n" + i), samples,
                            ServerProcess.freePort(), 0, env));
                }
                for (ServerProcess n : nodes) {
                    n.awaitHealthy();
                }
                ServerProcess b = nodes.get(1);
                waitForCohorts(http, b);
                JsonArray cohorts = new JsonArray(SharedStoreNodesTest.get(http, b,
                        "/api/cohorts").body());
                JsonObject ici = cohorts.stream().map(o -> (JsonObject) o).filter(c -> c
                        .getString("name").equals("synthetic-ici-oligometastatic")).findFirst()
                        .orElseThrow();
                var cohort = CohortReader.read(Files.readAllBytes(Path.of("cohorts",
                        "synthetic-ici-oligometastatic.csv")), (char) 0);
                Set<String> computedOn = new HashSet<>();
                for (int i = 0; i < 12; i++) {
                    assertQuery(http, b, ici.getString("id"), cohort, 100 + 10 * i, computedOn);
                }
                assertTrue(computedOn.size() >= 2, "work went to other nodes: " + computedOn);
                assertEveryKindAnsweredElsewhere(http, b, ici.getString("id"), cohort);

                nodes.get(2).kill(); // node-2 gone: its share is sent again elsewhere
                for (int i = 0; i < 6; i++) {
                    assertQuery(http, b, ici.getString("id"), cohort, 300 + 10 * i,
                            new HashSet<>());
                }

                // a report job; its node killed; the other finishes it, once
                String job = new JsonObject(http.send(HttpRequest.newBuilder(b.uri(
                        "/api/reports")).header("Authorization", "Bearer " + ServerProcess.TOKEN)
                        .header("Content-Type", "application/json").POST(HttpRequest
                                .BodyPublishers.ofString(KillDuringReportTest.PANEL)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).getString("id");
                JsonObject running = SharedStoreNodesTest.waitFor(http, b, job, s -> s
                        .getString("status").equals("running") && s.getJsonObject("progress")
                                .getInteger("done") >= 1);
                ServerProcess victim = running.getString("runner").equals("node-0")
                        ? nodes.get(0) : b;
                ServerProcess survivor = victim == b ? nodes.get(0) : b;
                victim.kill();
                JsonObject done = SharedStoreNodesTest.waitFor(http, survivor, job, s -> s
                        .getString("status").equals("done") || s.getString("status")
                                .equals("failed"));
                assertEquals("done", done.getString("status"), done.encodePrettily());
                assertEquals(40, done.getJsonArray("artefacts").size());
                try (var c = java.sql.DriverManager.getConnection(pg.url(), pg.user(),
                        pg.password()); var r = c.createStatement().executeQuery("SELECT (SELECT "
                                + "COUNT(*) FROM report), (SELECT COUNT(*) FROM report_artefact),"
                                + " (SELECT COUNT(*) FROM cohort)")) {
                    r.next();
                    assertEquals(List.of(1, 40, 3), List.of(r.getInt(1), r.getInt(2),
                            r.getInt(3)), "no job, artefact or cohort lost or doubled");
                }
            } finally {
                ServerProcess.closeAll(nodes);
            }
        }
    }

    static void assertQuery(HttpClient http, ServerProcess node, String id,
            io.oncosurv.cohort.Cohort cohort, double cutoff, Set<String> computedOn)
            throws Exception {
        String query = "endpoint=os&by=cd8&cutoff=" + cutoff + "&tests=hr";
        HttpResponse<String> r = SharedStoreNodesTest.get(http, node, "/api/cohorts/" + id
                + "/survival?" + query);
        assertEquals(200, r.statusCode(), r.body() + node.log());
        MultiMap params = MultiMap.caseInsensitiveMultiMap().add("endpoint", "os")
                .add("by", "cd8").add("cutoff", Double.toString(cutoff)).add("tests", "hr");
        String single = SurvivalJson.write(id, SurvivalAnalysis.run(cohort,
                SurvivalParameters.parse(params)));
        assertEquals(single, r.body(), "as one node answers");
        r.headers().firstValue("X-OncoSurv-Node").ifPresent(computedOn::add);
    }

    /**
     * Each operation kind asked of node-1 again and again: answered by other nodes, computed
     * there and from their caches, always with the bytes one node computes.
     */
    private static void assertEveryKindAnsweredElsewhere(HttpClient http, ServerProcess node,
            String id, io.oncosurv.cohort.Cohort cohort) throws Exception {
        var direct = io.oncosurv.analysis.StratifierSource.direct(cohort);
        MultiMap cox = MultiMap.caseInsensitiveMultiMap().add("endpoint", "os")
                .add("terms", "cd8,age");
        MultiMap cut = MultiMap.caseInsensitiveMultiMap().add("endpoint", "os")
                .add("variable", "cd8_til").add("permutations", "20");
        List<io.oncosurv.analysis.PanelEntry> entries = new ArrayList<>();
        for (String stratifier : io.oncosurv.cohort.Stratifiers.BUILT_IN) {
            entries.add(io.oncosurv.analysis.PanelAnalysis.entry(cohort, stratifier, "os",
                    direct, List.of()));
        }
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("survival?endpoint=os&by=cd8&cutoff=150&tests=hr", SurvivalJson.write(id,
                SurvivalAnalysis.run(cohort, SurvivalParameters.parse(MultiMap
                        .caseInsensitiveMultiMap().add("endpoint", "os").add("by", "cd8")
                        .add("cutoff", "150").add("tests", "hr")))));
        expected.put("cox?endpoint=os&terms=cd8,age", CoxJson.write(io.oncosurv.analysis
                .CoxAnalysis.run(cohort, CoxParameters.parse(cox), direct)).encode());
        expected.put("cumulative-incidence?endpoint=pfs&by=arm", new String(
                io.oncosurv.json.CumulativeIncidenceJson.write(id,
                        io.oncosurv.analysis.CumulativeIncidenceAnalysis.run(cohort,
                                CumulativeIncidenceParameters.parse(MultiMap
                                        .caseInsensitiveMultiMap().add("endpoint", "pfs")
                                        .add("by", "arm")))),
                java.nio.charset.StandardCharsets.UTF_8));
        expected.put("fine-gray?endpoint=pfs&cause=local&terms=arm,age",
                io.oncosurv.json.FineGrayJson.write(id, io.oncosurv.analysis.FineGrayAnalysis
                        .run(cohort, FineGrayParameters.parse(MultiMap.caseInsensitiveMultiMap()
                                .add("endpoint", "pfs").add("cause", "local")
                                .add("terms", "arm,age")), direct)).encode());
        expected.put("cutpoint?endpoint=os&variable=cd8_til&permutations=20", new String(
                AnalysisWorker.cutpoint(CutpointParameters.parse(id, cut), cohort),
                java.nio.charset.StandardCharsets.UTF_8));
        // the ICI cohort's antibiotics: its immortal-time check on the panel's entry
        var checks = io.oncosurv.analysis.PanelAnalysis.exposureChecks(cohort, List.of("os"),
                direct);
        expected.put("panel?endpoints=os", PanelJson.write(io.oncosurv.analysis.PanelAnalysis
                .withExposureChecks(io.oncosurv.analysis.PanelAnalysis.withQValues(entries),
                        checks), null, Double.NaN, io.oncosurv.analysis.PanelAnalysis
                        .unattached(checks)).encode());
        expected.put("exposure-bias?endpoint=os&exposure=antibiotics&from=3&terms=age",
                io.oncosurv.json.ExposureBiasJson.write(id, io.oncosurv.analysis
                        .ExposureBiasAnalysis.run(cohort, ExposureBiasParameters.parse(MultiMap
                                .caseInsensitiveMultiMap().add("endpoint", "os")
                                .add("exposure", "antibiotics").add("from", "3")
                                .add("terms", "age")), direct)).encode());
        expected.put("subgroups?endpoint=os&by=pdl1,cd8,lipi", io.oncosurv.json.SubgroupJson
                .write(id, io.oncosurv.analysis.SubgroupAnalysis.run(cohort,
                        io.oncosurv.server.http.SubgroupParameters.parse(MultiMap
                                .caseInsensitiveMultiMap().add("endpoint", "os")
                                .add("by", "pdl1,cd8,lipi")), direct)).encode());
        expected.put("panel?endpoint=pfs&cause=local", PanelJson.write(io.oncosurv.analysis
                .PanelAnalysis.run(cohort, "pfs", "local", direct, List.of()), "local").encode());
        // tables: as one node writes them
        var summary = io.oncosurv.analysis.CohortSummary.of(cohort);
        expected.put("summary", new String(ReportWorker.summary(new Messages.SummaryTableQuery(
                id, Messages.SummaryPart.JSON), cohort), java.nio.charset.StandardCharsets.UTF_8));
        expected.put("followup.csv", csv(io.oncosurv.report.Tables.followUp(summary)));
        expected.put("completeness.csv", csv(io.oncosurv.report.Tables.completeness(summary)));
        expected.put("survival.csv?endpoint=os&by=cd8&cutoff=150", csv(io.oncosurv.report.Tables
                .survivalGroups(SurvivalAnalysis.run(cohort, ReportWorker.withHazardRatios(
                        SurvivalParameters.parse(MultiMap.caseInsensitiveMultiMap()
                                .add("endpoint", "os").add("by", "cd8").add("cutoff", "150")
                        ))))));
        expected.put("cumulative-incidence.csv?endpoint=pfs&by=arm", csv(
                io.oncosurv.report.CumulativeIncidenceTable.of(io.oncosurv.analysis
                        .CumulativeIncidenceAnalysis.run(cohort, CumulativeIncidenceParameters
                                .parse(MultiMap.caseInsensitiveMultiMap().add("endpoint", "pfs")
                                        .add("by", "arm"))))));
        expected.put("panel.csv?endpoints=os", csv(io.oncosurv.report.Tables.panel(
                io.oncosurv.analysis.PanelAnalysis.withExposureChecks(io.oncosurv.analysis
                        .PanelAnalysis.run(cohort, List.of("os"), direct, List.of()), checks),
                io.oncosurv.analysis.PanelAnalysis.unattached(checks))));
        expected.put("panel.csv?endpoint=pfs&cause=local", csv(io.oncosurv.report
                .PanelCauseTable.of(io.oncosurv.analysis.PanelAnalysis.run(cohort, "pfs",
                        "local", direct, List.of()))));
        expected.put("tte-table?endpoint=os&by=arm&strata=sex&milestones=6,12",
                io.oncosurv.json.TteTableJson.write(id, io.oncosurv.analysis.TteTableAnalysis
                        .run(cohort, TteTableParameters.parse(MultiMap.caseInsensitiveMultiMap()
                                .add("endpoint", "os").add("by", "arm").add("strata", "sex")
                                .add("milestones", "6,12")), direct)).encode());
        expected.put("tte-table.csv?endpoint=pfs&by=arm&milestones=6,12", csv(
                io.oncosurv.report.TimeToEventTable.of(io.oncosurv.analysis.TteTableAnalysis
                        .run(cohort, TteTableParameters.parse(MultiMap.caseInsensitiveMultiMap()
                                .add("endpoint", "pfs").add("by", "arm")
                                .add("milestones", "6,12")), direct))));
        var baseline = io.oncosurv.analysis.BaselineAnalysis.run(cohort,
                new io.oncosurv.analysis.BaselineRequest("arm", Map.of()), direct);
        expected.put("baseline?by=arm", new String(io.oncosurv.json.BaselineJson.write(id,
                baseline), java.nio.charset.StandardCharsets.UTF_8));
        expected.put("baseline.csv?by=arm", csv(io.oncosurv.report.BaselineCsv.of(baseline)));
        expected.put("subgroups.csv?endpoint=os&by=pdl1,cd8,lipi", csv(io.oncosurv.report
                .SubgroupTable.of(io.oncosurv.analysis.SubgroupAnalysis.run(cohort,
                        io.oncosurv.server.http.SubgroupParameters.parse(MultiMap
                                .caseInsensitiveMultiMap().add("endpoint", "os")
                                .add("by", "pdl1,cd8,lipi")), direct))));
        expected.put("weighted?endpoint=os&by=arm&adjust=age,sex,ldh", io.oncosurv.json
                .WeightedJson.write(id, io.oncosurv.analysis.WeightedAnalysis.run(cohort,
                        io.oncosurv.server.http.WeightedParameters.parse(MultiMap
                                .caseInsensitiveMultiMap().add("endpoint", "os").add("by", "arm")
                                .add("adjust", "age,sex,ldh")), direct)).encode());
        var weighted = io.oncosurv.analysis.WeightedAnalysis.run(cohort,
                io.oncosurv.server.http.WeightedParameters.parse(MultiMap
                        .caseInsensitiveMultiMap().add("endpoint", "os").add("by", "arm")
                        .add("adjust", "age,sex,ldh").add("stabilized", "true")), direct);
        expected.put("weighted.csv?endpoint=os&by=arm&adjust=age,sex,ldh&stabilized=true",
                csv(io.oncosurv.report.WeightedTables.curves(weighted)));
        expected.put("weighted/balance.csv?endpoint=os&by=arm&adjust=age,sex,ldh"
                + "&stabilized=true", csv(io.oncosurv.report.WeightedTables.balance(weighted)));
        // documents: no clock in them, so every node makes the bytes node-1 makes
        expected.put("tte-table.docx?endpoint=os&by=arm&strata=sex", null);
        expected.put("baseline.pdf?by=arm", null);
        expected.put("subgroups.docx?endpoint=os&by=pdl1,cd8,lipi", null);
        expected.put("weighted.docx?endpoint=os&by=arm&adjust=age,sex,ldh", null);
        // figures: the bytes node-1 draws itself
        expected.put("plot.png?endpoint=os&by=cd8&cutoff=150", null);
        expected.put("panel/forest.png?endpoint=os", null);
        expected.put("cumulative-incidence.png?endpoint=pfs&by=arm&cause=local", null);
        expected.put("cumulative-incidence/stacked.svg?endpoint=pfs&by=arm&group=ICI", null);
        expected.put("panel/forest.png?endpoint=pfs&cause=local", null);
        expected.put("exposure-bias.svg?endpoint=os&exposure=antibiotics", null);
        expected.put("subgroups.svg?endpoint=os&by=pdl1,cd8,lipi", null);
        expected.put("weighted/balance.png?endpoint=os&by=arm&adjust=age,sex,ldh", null);
        expected.put("weighted.svg?endpoint=os&by=arm&adjust=age,sex,ldh", null);
        for (var kind : expected.entrySet()) {
            assertAnsweredElsewhere(http, node, "/api/cohorts/" + id + "/" + kind.getKey(),
                    kind.getValue());
        }
        // pages and their PDFs: the bytes node-1 makes itself in the same minute (the footer
        // names the minute a page is made)
        for (String page : List.of("", "/analysis?endpoint=os&by=cd8&cutoff=150",
                "/analysis.pdf?endpoint=os&by=cd8&cutoff=150", "/panel?endpoint=os",
                "/panel.pdf?subset=arm:ICI", "/panel?endpoint=pfs&cause=local",
                "/exposure-bias?exposure=antibiotics&from=3",
                "/study-tables?endpoint=os&by=arm&subgroups=pdl1,cd8,lipi",
                "/study-tables.docx?endpoint=os&by=arm&subgroups=pdl1,cd8,lipi")) {
            assertAnsweredElsewhere(http, node, "/cohorts/" + id + page, null);
        }
    }

    private static String csv(io.oncosurv.report.Table table) {
        return new String(io.oncosurv.report.Csv.write(table),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * {@code path} asked of {@code node} until other nodes have answered it, computed and from
     * their caches, and (when {@code expected} is null) node itself computed it: every answer
     * {@code expected}, and the same bytes as every other made in the same minute.
     */
    private static void assertAnsweredElsewhere(HttpClient http, ServerProcess node,
            String path, String expected) throws Exception {
        Set<String> seen = new HashSet<>(); // node and cache, as answered
        Map<String, List<byte[]>> bodies = new HashMap<>(); // by the minute a page names
        Await.until(() -> {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(node.uri(path))
                    .header("Authorization", "Bearer " + ServerProcess.TOKEN).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(200, r.statusCode(), path + ": " + text);
            if (expected != null) {
                assertEquals(expected, text, path + " as one node answers");
            }
            bodies.computeIfAbsent(minuteNamed(r), m -> new ArrayList<>()).add(r.body());
            String by = r.headers().firstValue("X-OncoSurv-Node").orElseThrow();
            seen.add((by.equals("node-1") ? "here" : "elsewhere") + " " + r.headers()
                    .firstValue("X-OncoSurv-Cache").orElseThrow());
            return seen.contains("elsewhere miss") && seen.contains("elsewhere hit")
                    && (expected != null || seen.contains("here miss"));
        }, Await.LONG, path + " was never computed and cached on another node");
        for (List<byte[]> same : bodies.values()) {
            for (byte[] body : same) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(same.get(0), body,
                        path + ": every node's bytes");
            }
        }
    }

    private static final java.util.regex.Pattern MINUTE = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");

    /**
     * The minute a page (HTML or PDF) says it was made, in its footer (the last time it
     * names: the cohort page names its upload's first); "" for anything else.
     */
    private static String minuteNamed(HttpResponse<byte[]> r) throws Exception {
        String type = r.headers().firstValue("Content-Type").orElse("");
        String text = type.startsWith("text/html")
                ? new String(r.body(), java.nio.charset.StandardCharsets.UTF_8) : "";
        if (type.equals("application/pdf")) {
            try (var doc = org.apache.pdfbox.Loader.loadPDF(r.body())) {
                text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            }
        }
        var m = MINUTE.matcher(text);
        String made = "";
        while (m.find()) {
            made = m.group();
        }
        return made;
    }

    static void waitForCohorts(HttpClient http, ServerProcess node) throws Exception {
        Await.until(() -> new JsonArray(SharedStoreNodesTest.get(http, node, "/api/cohorts")
                .body()).size() == 3, Await.LONG, "the samples never appeared");
    }

}
