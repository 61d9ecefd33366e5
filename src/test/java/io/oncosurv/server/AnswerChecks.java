package io.oncosurv.server;

import static io.oncosurv.testsupport.Approx.R_NUMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.oncosurv.testsupport.Approx;
import io.vertx.core.json.JsonObject;

/** Comparisons of survival answers (JSON over HTTP) with R's, shared by the HTTP tests. */
final class AnswerChecks {

    private AnswerChecks() {
    }

    /** A JSON number, NaN for null (R's NA). */
    static double num(JsonObject o, String key) {
        Double v = o.getDouble(key);
        return v == null ? Double.NaN : v;
    }

    /** The answer's "logrank" against R's survdiff {chisq, df, p, observed, expected}. */
    static void logRank(Approx check, JsonObject logrank, JsonNode survdiff, int groups) {
        check.close("chisq", survdiff.get("chisq"), num(logrank, "chisq"), R_NUMBERS);
        check.exact("df", survdiff.get("df").asInt(), logrank.getInteger("df"));
        check.close("p", survdiff.get("p"), num(logrank, "p"), R_NUMBERS);
        for (int g = 0; g < groups; g++) {
            check.close("observed[" + g + "]", survdiff.get("observed").get(g),
                    logrank.getJsonArray("observed").getDouble(g), R_NUMBERS);
            check.close("expected[" + g + "]", survdiff.get("expected").get(g),
                    logrank.getJsonArray("expected").getDouble(g), R_NUMBERS);
        }
    }
}
