package io.oncosurv.chart;

import java.awt.Color;
import java.util.List;

/**
 * The Okabe–Ito palette (Okabe and Ito 2008, "Color Universal Design"), distinguishable under the
 * common colour-vision deficiencies. Ordered for curves on white: the dark, saturated colours
 * first; yellow, which is faint on white, last but one.
 */
final class OkabeIto {

    static final List<Color> CURVES = List.of(
            new Color(0x00, 0x72, 0xB2), // blue
            new Color(0xD5, 0x5E, 0x00), // vermillion
            new Color(0x00, 0x9E, 0x73), // bluish green
            new Color(0xCC, 0x79, 0xA7), // reddish purple
            new Color(0xE6, 0x9F, 0x00), // orange
            new Color(0x56, 0xB4, 0xE9), // sky blue
            new Color(0x00, 0x00, 0x00), // black
            new Color(0xF0, 0xE4, 0x42)); // yellow

    private OkabeIto() {
    }

    /** The colour of the i-th group; more groups than colours repeat the palette. */
    static Color of(int group) {
        return CURVES.get(group % CURVES.size());
    }

    /** The same colour, translucent, for a confidence band behind its curve. */
    static Color band(int group) {
        Color c = of(group);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 48);
    }
}
