package io.oncosurv.server;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text elements of an SVG figure, in document order (JFreeSVG writes one per string). */
final class SvgTexts {

    private static final Pattern TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");

    private SvgTexts() {
    }

    static List<String> of(String svg) {
        List<String> out = new ArrayList<>();
        Matcher m = TEXT.matcher(svg);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
