package io.oncosurv.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.oncosurv.analysis.CumulativeIncidenceResult;
import io.oncosurv.stats.ChiSquareTest;
import io.oncosurv.stats.CumulativeIncidenceCurve;
import io.oncosurv.stats.CumulativeIncidenceLandmark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The answer of GET /api/cohorts/{id}/cumulative-incidence (shared/contract/analyses.md), written
 * by Jackson's generator (a large cohort's curves have a row per distinct time and cause):
 * numbers with R's 15 significant digits, R's NA as null.
 */
public final class CumulativeIncidenceJson {

    private final JsonGenerator json;
    private final JsonNumbers numbers;

    private CumulativeIncidenceJson(JsonGenerator json) {
        this.json = json;
        this.numbers = new JsonNumbers(json);
    }

    public static byte[] write(String cohortId, CumulativeIncidenceResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimatedBytes(result));
        try (JsonGenerator json = JsonGenerators.utf8(out)) {
            new CumulativeIncidenceJson(json).answer(cohortId, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /** About 110 bytes per row and cause: enough to size the buffer once. */
    private static int estimatedBytes(CumulativeIncidenceResult result) {
        long rows = 0;
        for (CumulativeIncidenceResult.Group g : result.groups()) {
            rows += (long) g.curve().time().length * result.causes().size();
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, 1024 + 110 * rows);
    }

    private void answer(String cohortId, CumulativeIncidenceResult r) throws IOException {
        var request = r.request();
        json.writeStartObject();
        string("cohort", cohortId);
        string("endpoint", request.endpoint());
        string("by", request.by());
        json.writeArrayFieldStart("causes");
        for (String cause : r.causes()) {
            JsonGenerators.writeString(json, cause);
        }
        json.writeEndArray();
        string("conf_type", "log");
        numbers.field("conf_level", request.confLevel());
        numbers.field("from", request.from());
        json.writeNumberField("n_excluded", r.excluded());
        json.writeArrayFieldStart("groups");
        for (CumulativeIncidenceResult.Group g : r.groups()) {
            group(g, r.causes());
        }
        json.writeEndArray();
        json.writeFieldName("gray");
        if (r.gray().isEmpty()) {
            json.writeNull();
        } else {
            json.writeStartObject();
            for (int k = 0; k < r.causes().size(); k++) {
                json.writeObjectFieldStart(r.causes().get(k));
                ChiSquareTest t = r.gray().get(k);
                numbers.field("statistic", t.chiSquare());
                json.writeFieldName("df");
                if (t.available()) {
                    json.writeNumber(t.df());
                } else {
                    json.writeNull();
                }
                numbers.field("p", t.p());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private void group(CumulativeIncidenceResult.Group g, List<String> causes)
            throws IOException {
        CumulativeIncidenceCurve c = g.curve();
        json.writeStartObject();
        string("label", g.label());
        json.writeNumberField("n", g.n());
        json.writeObjectFieldStart("events");
        for (int k = 0; k < causes.size(); k++) {
            json.writeNumberField(causes.get(k), g.events()[k]);
        }
        json.writeEndObject();
        double[] time = c.time();
        int[] nRisk = c.nRisk();
        int[][] nEvent = c.nEvent();
        double[][] cif = c.cif();
        double[][] se = c.stdErr();
        double[][] lower = c.lower();
        double[][] upper = c.upper();
        json.writeObjectFieldStart("curves");
        for (int k = 0; k < causes.size(); k++) {
            json.writeArrayFieldStart(causes.get(k));
            for (int i = 0; i < time.length; i++) {
                json.writeStartObject();
                numbers.field("time", time[i]);
                json.writeNumberField("n_risk", nRisk[i]);
                json.writeNumberField("n_event", nEvent[k][i]);
                estimate(cif[k][i], se[k][i], lower[k][i], upper[k][i]);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeObjectFieldStart("landmarks");
        for (int k = 0; k < causes.size(); k++) {
            json.writeArrayFieldStart(causes.get(k));
            for (CumulativeIncidenceLandmark l : g.landmarks()) {
                json.writeStartObject();
                numbers.field("time", l.time());
                json.writeNumberField("n_risk", l.nRisk());
                estimate(l.cif()[k], l.stdErr()[k], l.lower()[k], l.upper()[k]);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private void string(String field, String v) throws IOException {
        json.writeFieldName(field);
        JsonGenerators.writeString(json, v);
    }

    private void estimate(double cif, double se, double lower, double upper)
            throws IOException {
        numbers.field("cif", cif);
        numbers.field("std_err", se);
        numbers.field("lower", lower);
        numbers.field("upper", upper);
    }
}
