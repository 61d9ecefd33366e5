package io.oncosurv.server.bus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oncosurv.analysis.CumulativeIncidenceRequest;
import io.oncosurv.server.http.CoxParameters;
import io.oncosurv.server.http.CutpointParameters;
import io.oncosurv.server.http.SurvivalParameters;
import io.oncosurv.server.http.TteTableParameters;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Operations and answers cross the wire and come back equal: the same cache key, too. */
class OperationCodecTest {

    private static Operation wire(Operation operation) {
        OperationCodec codec = new OperationCodec();
        Buffer buffer = Buffer.buffer().appendString("ahead");
        codec.encodeToWire(buffer, operation);
        return codec.decodeFromWire(5, buffer);
    }

    private static MultiMap params(String... pairs) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            params.add(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    @Test
    @DisplayName("a survival query with every parameter (NaN tau, scores, subsets) comes back "
            + "equal, with the same hash and cache key")
    void survival() {
        var defaults = new Messages.SurvivalQuery("c1", SurvivalParameters.parse(params(
                "endpoint", "os", "by", "cd8")));
        var full = new Messages.SurvivalQuery("c1", SurvivalParameters.parse(params(
                "endpoint", "pfs", "by", "cd8", "cutoff", "120.5", "conf_type", "log-log",
                "conf_level", "0.9", "landmarks", "3,6.5", "tau", "20", "rho", "1",
                "tests", "fh(1,1),maxcombo,hr", "subset", "sex:female", "subset", "ecog:0",
                "from", "2.5")));
        for (var q : List.of(defaults, full)) {
            Operation back = wire(q);
            assertEquals(q, back);
            assertEquals(q.hashCode(), back.hashCode());
            assertEquals(q.request().cacheKey(),
                    ((Messages.SurvivalQuery) back).request().cacheKey());
        }
        assertNotEquals(defaults, full);
        assertEquals(Double.NaN, ((Messages.SurvivalQuery) wire(defaults)).request().tau());
        assertEquals(2.5, ((Messages.SurvivalQuery) wire(full)).request().from());
        assertEquals(Double.NaN, ((Messages.SurvivalQuery) wire(defaults)).request().from());
    }

    @Test
    @DisplayName("Cox, cut-point, panel and figure queries come back equal")
    void others() {
        List<Operation> all = List.of(
                new Messages.CoxQuery("c2", CoxParameters.parse(params("endpoint", "os",
                        "terms", "cd8,age", "ties", "breslow", "cutoff", "90"))),
                CutpointParameters.parse("c3", params("endpoint", "os", "variable", "cd8_til",
                        "permutations", "50", "seed", "-7")),
                new Messages.PanelQuery("c4", List.of("pfs", "os"), List.of("sex:female")),
                new Messages.PanelQuery("c4", List.of("pfs"), List.of(), "local"),
                new Messages.PanelQuery("c4", List.of("os"), List.of(), null, 6),
                new Messages.CoxQuery("c2", CoxParameters.parse(params("endpoint", "os",
                        "terms", "sex", "from", "3.5"))),
                Messages.FigureQuery.of(FigureKind.KAPLAN_MEIER, FigureFormat.SVG, "c5",
                        params("endpoint", "os", "Width", "5", "subset", "arm:A", "subset",
                                "sex:male")),
                Messages.FigureQuery.of(FigureKind.FOREST, FigureFormat.PDF, "c5",
                        params("endpoint", "pfs")));
        for (Operation q : all) {
            assertEquals(q, wire(q));
            assertEquals(q.hashCode(), wire(q).hashCode());
        }
    }

    @Test
    @DisplayName("tables and pages come back equal: a refused analysis form (no request), a "
            + "form in its order, a panel page left to the cohort's endpoint")
    void tablesAndPages() {
        var form = List.of(new Messages.PageParameter("by", "sex"),
                new Messages.PageParameter("subset", "sex:2"),
                new Messages.PageParameter("subset", "ph_ecog:1"));
        var analysis = new Messages.AnalysisPageQuery("c6", Messages.PageFormat.PDF, form,
                SurvivalParameters.parse(params("endpoint", "-", "by", "sex", "subset", "sex:2",
                        "subset", "ph_ecog:1")), null);
        List<Operation> all = List.of(
                new Messages.SummaryTableQuery("c1", Messages.SummaryPart.COMPLETENESS_CSV),
                new Messages.SurvivalTableQuery("c2", SurvivalParameters.parse(params(
                        "endpoint", "os", "by", "sex", "landmarks", "6,12"))),
                new Messages.PanelTableQuery("c3", List.of("os"), List.of("sex:1")),
                new Messages.TteTableQuery("c7", TteTableParameters.parse(params("endpoint", "os",
                        "by", "cd8", "cutoff", "90", "strata", "sex", "milestones", "6,12.5",
                        "conf_level", "0.9")), Messages.TableFormat.CSV),
                new Messages.TteTableQuery("c7", TteTableParameters.parse(params("endpoint",
                        "pfs", "by", "arm")), Messages.TableFormat.DOCX),
                new Messages.BaselineQuery("c7", new io.oncosurv.analysis.BaselineRequest("arm",
                        java.util.Map.of()), Messages.TableFormat.PDF),
                new Messages.WeightedQuery("c7", new io.oncosurv.analysis.WeightedRequest("os",
                        "arm", java.util.Map.of("cutoff", 3.0), List.of("age", "lipi"),
                        io.oncosurv.stats.PropensityWeights.Estimand.ATT, true, 0.01, 0.9)),
                new Messages.WeightedTableQuery("c7", new io.oncosurv.analysis.WeightedRequest(
                        "os", "arm", java.util.Map.of(), List.of("age", "sex"),
                        io.oncosurv.stats.PropensityWeights.Estimand.ATE, false, 0, 0.95),
                        Messages.WeightedFile.BALANCE_CSV),
                new Messages.WeightedTableQuery("c7", new io.oncosurv.analysis.WeightedRequest(
                        "pfs", "cd8", java.util.Map.of("cutoff", 90.0), List.of("age"),
                        io.oncosurv.stats.PropensityWeights.Estimand.ATT, true, 0.05, 0.9),
                        Messages.WeightedFile.DOCX),
                new Messages.SubgroupTableQuery("c7", new io.oncosurv.analysis.SubgroupRequest(
                        "os", "arm", List.of("pdl1", "sex"), java.util.Map.of("cutoff", 2.0)),
                        Messages.TableFormat.DOCX),
                new Messages.CohortPageQuery("c4", false, true),
                new Messages.PanelPageQuery("c5", Messages.PageFormat.HTML, null, List.of()),
                new Messages.PanelPageQuery("c5", Messages.PageFormat.PDF, "pfs", List.of(),
                        "death"),
                new Messages.PanelPageQuery("c5", Messages.PageFormat.HTML, "pfs", List.of(),
                        "death", "6", 6, null),
                new Messages.PanelPageQuery("c5", Messages.PageFormat.HTML, null, List.of(),
                        null, "x", Double.NaN, "The parameter 'from' must be a number."),
                new Messages.PanelTableQuery("c3", List.of("pfs"), List.of("sex:1"), "local"),
                analysis,
                new Messages.AnalysisPageQuery("c6", Messages.PageFormat.HTML, form, null,
                        "The parameter 'tau' must be a finite number; got 'x'."),
                new Messages.CumulativeIncidenceTableQuery("c7", new CumulativeIncidenceRequest(
                        "pfs", "site", java.util.Map.of(), 0.9, new double[] {3, 6}, 6,
                        List.of("arm:LAT"))),
                new Messages.CumulativeIncidencePageQuery("c8", Messages.PageFormat.PDF, form,
                        CumulativeIncidenceRequest.defaults("pfs", null), "local", null),
                new Messages.CumulativeIncidencePageQuery("c8", Messages.PageFormat.HTML, form,
                        null, null, "The parameter 'from' must be a finite number >= 0.0"),
                new Messages.StudyTablesPageQuery("c9", List.of(new Messages.PageParameter(
                        "subgroups", "pdl1,cd8"), new Messages.PageParameter("by", "arm")),
                        Messages.PageFormat.DOCX));
        for (Operation q : all) {
            assertEquals(q, wire(q));
            assertEquals(q.hashCode(), wire(q).hashCode());
        }
        var reordered = new Messages.AnalysisPageQuery("c6", Messages.PageFormat.PDF, List.of(
                form.get(0), form.get(2), form.get(1)), analysis.request(), null);
        assertNotEquals(analysis, reordered, "the form's order is its page's links' order");
    }

    @Test
    @DisplayName("a class name from the wire that is no operation is refused")
    void refusesOtherClasses() {
        assertEquals("java.lang.String is not an operation", assertThrows(
                IllegalArgumentException.class, () -> OperationCodec.read("java.lang.String",
                        "\"x\"".getBytes())).getMessage());
        assertEquals("io.oncosurv.server.bus.Messages$Deletion is not an operation", assertThrows(
                IllegalArgumentException.class, () -> OperationCodec.read(
                        Messages.Deletion.class.getName(), "{}".getBytes())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> OperationCodec.read("no.Such",
                "{}".getBytes()));
    }

    @Test
    @DisplayName("an answer crosses the wire with its status, type, bytes, node and cache flag")
    void answer() {
        AnswerCodec codec = new AnswerCodec();
        Answer answer = new Answer(200, "application/json", "{\"é\":1}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "node-ü", true);
        Buffer buffer = Buffer.buffer().appendByte((byte) 9);
        codec.encodeToWire(buffer, answer);
        Answer back = codec.decodeFromWire(1, buffer);
        assertEquals(List.of(200, "application/json", "node-ü", true), List.of(back.status(),
                back.contentType(), back.node(), back.cached()));
        assertArrayEquals(answer.body(), back.body());
    }
}
