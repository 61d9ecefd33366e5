package io.oncosurv.server.http;

import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A page's query parameters as a browser form sends them: empty fields mean "the default" and
 * are dropped, so the same parameters then drive the API calls of the figure and the downloads.
 */
public final class PageParameters {

    private PageParameters() {
    }

    public static MultiMap nonEmpty(MultiMap params) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        params.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                out.add(name, value.strip());
            }
        });
        return out;
    }

    /** The parameters as a query string, each name and value URL-encoded. */
    public static String queryString(MultiMap params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** The first value of each parameter, for filling a form. */
    public static Map<String, String> firstValues(MultiMap params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((name, value) -> out.putIfAbsent(name, value));
        return out;
    }
}
