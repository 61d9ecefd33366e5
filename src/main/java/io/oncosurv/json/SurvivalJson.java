package io.oncosurv.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.oncosurv.analysis.SurvivalResult;
import io.oncosurv.json.StreamedBody;
import io.oncosurv.stats.LandmarkEstimate;
import io.oncosurv.stats.LogRankResult;
import io.oncosurv.stats.QuantileEstimate;
import io.oncosurv.stats.SurvivalCurve;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The answer of GET /api/cohorts/{id}/survival, streamed by Jackson's generator into bytes: a
 * large cohort's curves have up to a million points, and building a tree of JSON objects for
 * them cost more than the statistics. Numbers have 15 significant digits ({@link Decimal15}), as
 * R's reference answers do; R's NA (NaN) is null. {@link CurveDetail} picks the curve points.
 */
public final class SurvivalJson {

    private final JsonGenerator json;
    private final JsonNumbers numbers;

    private SurvivalJson(JsonGenerator json) {
        this.json = json;
        this.numbers = new JsonNumbers(json);
    }

    /** The whole answer, every curve point (the contract's default), as text. */
    public static String write(String cohortId, SurvivalResult result) {
        return write(cohortId, result, CurveDetail.ALL).toString(StandardCharsets.UTF_8);
    }

    public static Buffer write(String cohortId, SurvivalResult result, CurveDetail curve) {
        Buffer out = Buffer.buffer((int) Math.min(Integer.MAX_VALUE - 8,
                estimatedBytes(result, curve)));
        try {
            write(new BufferStream(out), cohortId, result, curve);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a Buffer does not fail
        }
        return out;
    }

    /** The same bytes, written to {@code out} as they are made (left open). */
    public static void write(OutputStream out, String cohortId, SurvivalResult result,
            CurveDetail curve) throws IOException {
        try (JsonGenerator json = JsonGenerators.utf8(out)) {
            new SurvivalJson(json).answer(cohortId, result, curve);
        }
    }

    /**
     * Answers longer than this (by {@link #estimatedBytes}) are streamed to a client of this
     * node rather than held whole: 16 MB, a curve of about 100,000 points.
     */
    public static final long STREAM_ABOVE = 16L << 20;

    /** The answer as a body written while it is sent; it holds the result (~40 bytes a point). */
    public static StreamedBody streamed(String cohortId, SurvivalResult result, CurveDetail curve) {
        int weight = (int) Math.min(Integer.MAX_VALUE, 4096 + 40L * points(result));
        return new StreamedBody() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                write(out, cohortId, result, curve);
            }

            @Override
            public int weight() {
                return weight;
            }
        };
    }

    /** About how long the answer is (a curve point is 120 to 160 bytes). */
    public static long estimatedBytes(SurvivalResult result, CurveDetail curve) {
        return 512 + (curve == CurveDetail.ALL ? 160L * points(result) : 4096);
    }

    /** The curve points of all groups. */
    static int points(SurvivalResult result) {
        int points = 0;
        for (SurvivalResult.Group g : result.groups()) {
            points += g.curve().size();
        }
        return points;
    }

    private void answer(String cohortId, SurvivalResult result, CurveDetail curve)
            throws IOException {
        var request = result.request();
        json.writeStartObject();
        string("cohort", cohortId);
        string("endpoint", request.endpoint());
        string("by", request.by());
        string("conf_type", request.confType().rName());
        number("conf_level", request.confLevel());
        json.writeNumberField("n_excluded", result.excluded());
        number("from", request.from());
        json.writeArrayFieldStart("groups");
        double axisMax = 0;
        for (SurvivalResult.Group g : result.groups()) {
            if (g.curve().size() > 0) {
                axisMax = Math.max(axisMax, g.curve().maxTime());
            }
        }
        for (SurvivalResult.Group g : result.groups()) {
            group(g, curve, axisMax);
        }
        json.writeEndArray();
        json.writeFieldName("logrank");
        if (result.logRank() == null) {
            json.writeNull();
        } else {
            logRank(result.logRank(), request.strata());
        }
        if (result.simonMakuch()) { // why logrank is null (Simon–Makuch curves only)
            string("logrank_reason", result.noTestReason());
        }
        // the further tests are small: Vert.x's JsonObject writes them, as it always did
        json.writeFieldName("rmst_comparisons");
        json.writeRawValue(SurvivalTestsJson.rmstComparisons(result).encode());
        json.writeFieldName("tests");
        json.writeRawValue(SurvivalTestsJson.weightedTests(result).encode());
        json.writeFieldName("maxcombo");
        json.writeRawValue(String.valueOf(SurvivalTestsJson.maxCombo(result.maxCombo())));
        json.writeFieldName("trend");
        json.writeRawValue(String.valueOf(SurvivalTestsJson.trend(result.trend())));
        json.writeFieldName("hazard_ratios");
        json.writeRawValue(SurvivalTestsJson.hazardRatios(result).encode());
        json.writeEndObject();
    }

    private void group(SurvivalResult.Group g, CurveDetail detail, double axisMax)
            throws IOException {
        SurvivalCurve c = g.curve();
        QuantileEstimate median = g.quantiles()[1];
        json.writeStartObject();
        string("label", g.label());
        json.writeNumberField("n", c.patients());
        json.writeNumberField("events", c.events());
        number("median", median.estimate());
        number("median_lower", median.lower());
        number("median_upper", median.upper());
        json.writeObjectFieldStart("quantiles");
        number("0.25", g.quantiles()[0].estimate());
        number("0.75", g.quantiles()[2].estimate());
        json.writeEndObject();
        json.writeArrayFieldStart("landmarks");
        for (LandmarkEstimate l : g.landmarks()) {
            json.writeStartObject();
            number("time", l.time());
            json.writeNumberField("n_risk", l.nRisk());
            json.writeNumberField("n_event", l.nEvent());
            json.writeNumberField("n_censor", l.nCensor());
            number("survival", l.survival());
            number("std_err", l.stdErr());
            number("lower", l.lower());
            number("upper", l.upper());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("rmst");
        number("tau", g.rmst().tau());
        number("estimate", g.rmst().estimate());
        number("std_err", g.rmst().stdErr());
        json.writeEndObject();
        json.writeArrayFieldStart("curve");
        if (detail == CurveDetail.ALL) { // no index array for a million points
            for (int i = 0; i < c.size(); i++) {
                point(c, i);
            }
        } else {
            for (int i : detail.points(c, axisMax)) {
                point(c, i);
            }
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void point(SurvivalCurve c, int i) throws IOException {
        json.writeStartObject();
        number("time", c.time(i));
        json.writeNumberField("n_risk", c.nRisk(i));
        json.writeNumberField("n_event", c.nEvent(i));
        json.writeNumberField("n_censor", c.nCensor(i));
        number("survival", c.survival(i));
        number("std_err", c.stdErr(i));
        number("lower", c.lower(i));
        number("upper", c.upper(i));
        json.writeEndObject();
    }

    private void logRank(LogRankResult r, String stratifiedBy) throws IOException {
        json.writeStartObject();
        number("rho", r.rho());
        number("chisq", r.chiSquare());
        json.writeNumberField("df", r.df());
        number("p", r.p());
        json.writeArrayFieldStart("observed");
        for (double v : r.observed()) {
            number(v);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("expected");
        for (double v : r.expected()) {
            number(v);
        }
        json.writeEndArray();
        string("stratified_by", stratifiedBy);
        json.writeEndObject();
    }

    private void string(String field, String v) throws IOException {
        json.writeFieldName(field);
        JsonGenerators.writeString(json, v);
    }

    private void number(String field, double v) throws IOException {
        json.writeFieldName(field);
        number(v);
    }

    /** R's 15 significant digits; NaN and infinities (R's NA) as null. */
    private void number(double v) throws IOException {
        numbers.write(v);
    }

    /** Jackson's output into a Vert.x buffer (Jackson writes in blocks of 8 KB). */
    private static final class BufferStream extends OutputStream {

        private final Buffer out;

        BufferStream(Buffer out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.appendByte((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.appendBytes(b, off, len);
        }
    }
}
