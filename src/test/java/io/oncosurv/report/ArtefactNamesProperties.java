package io.oncosurv.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Specs listing endpoints and stratifiers from small pools (names that differ in case or
 * punctuation, the same stratifier with and without cut-offs, a name that looks like a
 * cut-off's suffix): every spec the parser accepts names each analysis distinctly, so a job can
 * never fail late on a repeated artefact; one it refuses is refused for names only.
 */
class ArtefactNamesProperties {

    private static final List<String> ENDPOINTS = List.of("os", "pfs", "OS");
    private static final List<String> NAMES = List.of("cd8", "CD8", "lipi", "a b", "a_b",
            "cd8-cutoff-100", "pdl1_cd8");
    private static final List<String> SETTINGS = List.of("", ", \"cutoff\": 100",
            ", \"cutoff\": 100.0", ", \"cutoff\": 200", ", \"cutoff\": 0", ", \"cutoff\": -0.0",
            ", \"cutoff\": 2.5, \"tps_cutoff\": 1");

    @Provide
    Arbitrary<String> specs() {
        Arbitrary<List<String>> endpoints = Arbitraries.of(ENDPOINTS).list().ofMaxSize(3);
        Arbitrary<String> stratifier = Arbitraries.of(NAMES).flatMap(name -> Arbitraries
                .of(SETTINGS).map(setting -> "{\"name\": \"" + name + "\"" + setting + "}"));
        return endpoints.flatMap(e -> stratifier.list().ofMinSize(1).ofMaxSize(4).map(s ->
                "{\"cohort\": \"x\", \"endpoints\": [" + quoted(e) + "], \"stratifiers\": ["
                        + String.join(", ", s) + "]}"));
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
    }

    @Property(tries = 1500)
    @Label("accepted: every endpoint × stratifier has its own name; refused: for names only")
    void namesAreDistinct(@ForAll("specs") String text) {
        ReportSpec spec;
        try {
            spec = ReportSpecParser.parse(text);
        } catch (ReportSpecException e) {
            for (String problem : e.problems()) {
                assertTrue(problem.contains("would name its files as")
                        || problem.contains("the same analysis as"), problem + "\n" + text);
            }
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("accepted");
        List<String> endpoints = spec.endpoints().isEmpty() ? List.of("os") : spec.endpoints();
        List<String> names = new ArrayList<>();
        for (String endpoint : endpoints) {
            for (String part : ArtefactNames.stratifierParts(spec.stratifiers())) {
                names.add(ArtefactNames.of(endpoint, part) + ".png");
            }
        }
        Set<String> distinct = new HashSet<>(names);
        assertEquals(names.size(), distinct.size(), names + "\n" + text);
        Statistics.coverage(c -> {
            c.check("accepted").count(n -> n > 0);
            c.check("refused").count(n -> n > 0);
        });
    }
}
