package io.oncosurv.report.word;

import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * The styles our Word documents use, under Word's own names and ids ("heading 1", "Caption",
 * "Title"), so a statistician's template or Word's navigation pane and lists of tables treat them
 * as Word's: a new document from POI has no styles at all. Arial 10 pt body (Liberation Sans,
 * metric-compatible, where Arial is absent), 8 pt notes.
 */
final class WordStyles {

    static final String TITLE = "Title";
    static final String CAPTION = "Caption";
    static final String NOTE = "Note";

    private static final String FONT = "Arial";

    private WordStyles() {
    }

    static String heading(int level) {
        if (level < 1 || level > 3) {
            throw new IllegalArgumentException("headings go from level 1 to 3");
        }
        return "Heading" + level;
    }

    static void add(XWPFDocument doc) {
        CTStyles styles = CTStyles.Factory.newInstance();
        CTRPr defaults = styles.addNewDocDefaults().addNewRPrDefault().addNewRPr();
        CTFonts fonts = defaults.addNewRFonts();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        fonts.setEastAsia(FONT);
        defaults.addNewSz().setVal(BigInteger.valueOf(20));
        defaults.addNewSzCs().setVal(BigInteger.valueOf(20));
        styles.getDocDefaults().addNewPPrDefault().addNewPPr().addNewSpacing()
                .setAfter(BigInteger.valueOf(120));

        style(styles, "Normal", "Normal", null, 0, false, -1);
        style(styles, TITLE, "Title", "Normal", 32, true, -1);
        style(styles, "Heading1", "heading 1", "Normal", 28, true, 0);
        style(styles, "Heading2", "heading 2", "Normal", 24, true, 1);
        style(styles, "Heading3", "heading 3", "Normal", 21, true, 2);
        style(styles, CAPTION, "caption", "Normal", 20, true, -1);
        style(styles, NOTE, "Table note", "Normal", 16, false, -1);
        doc.createStyles().setStyles(styles);
    }

    /**
     * One paragraph style: {@code halfPoints} 0 keeps the default size; {@code outline} ≥ 0 makes
     * it a heading of that outline level (kept with the next paragraph).
     */
    private static void style(CTStyles styles, String id, String name, String basedOn,
            int halfPoints, boolean bold, int outline) {
        CTStyle s = styles.addNewStyle();
        s.setType(STStyleType.PARAGRAPH);
        s.setStyleId(id);
        s.addNewName().setVal(name);
        if (basedOn != null) {
            s.addNewBasedOn().setVal(basedOn);
        } else {
            s.setDefault(true);
        }
        s.addNewQFormat();
        CTPPrGeneral p = s.addNewPPr();
        if (outline >= 0) {
            p.addNewOutlineLvl().setVal(BigInteger.valueOf(outline));
            p.addNewKeepNext();
            p.addNewSpacing().setBefore(BigInteger.valueOf(240));
        }
        CTRPr r = s.addNewRPr();
        if (bold) {
            r.addNewB();
        }
        if (halfPoints > 0) {
            r.addNewSz().setVal(BigInteger.valueOf(halfPoints));
        }
    }
}
