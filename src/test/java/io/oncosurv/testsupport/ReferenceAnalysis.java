package io.oncosurv.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One analysis of {@code ../shared/reference/lung.json} or {@code veteran.json} (overall, or by a
 * grouping column) with R's answers, and the rows of the CSV it was computed on.
 */
public record ReferenceAnalysis(String dataset, String name, JsonNode answers,
        ReferenceSample sample) {

    /** Every analysis of the OS endpoint of both data sets, in file order. */
    public static List<ReferenceAnalysis> all() {
        List<ReferenceAnalysis> all = new ArrayList<>();
        for (String dataset : List.of("lung", "veteran")) {
            JsonNode endpoint = SharedReference.json(dataset + ".json").get("endpoints").get("os");
            ReferenceCsv csv = SharedReference.csv(dataset + ".csv");
            Iterator<Map.Entry<String, JsonNode>> analyses = endpoint.get("analyses").fields();
            while (analyses.hasNext()) {
                Map.Entry<String, JsonNode> analysis = analyses.next();
                all.add(new ReferenceAnalysis(dataset, analysis.getKey(), analysis.getValue(),
                        sample(csv, endpoint, analysis.getValue())));
            }
        }
        return all;
    }

    /** "lung sex", for test names. */
    public String label() {
        return dataset + " " + name;
    }

    private static ReferenceSample sample(ReferenceCsv csv, JsonNode endpoint, JsonNode analysis) {
        String groupColumn = analysis.get("group_column").isNull() ? null
                : analysis.get("group_column").asText();
        List<String> levels = new ArrayList<>();
        if (groupColumn == null) {
            levels.add("all");
        } else {
            analysis.get("levels").forEach(level -> levels.add(level.asText()));
        }
        return ReferenceSample.of(csv, endpoint.get("time_column").asText(),
                endpoint.get("event_column").asText(), groupColumn, levels);
    }
}
