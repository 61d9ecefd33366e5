package io.oncosurv.report.word;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.util.Units;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;

/**
 * A Word document as our reports write one (Apache POI): headings in Word's own heading styles
 * ({@link WordStyles}), body paragraphs, tables as real Word tables (a header row repeated on
 * every page, numbers right-aligned), figures as PNGs at print resolution, and captions numbered
 * by Word's SEQ fields ("Table 1", "Figure 2") so Word's lists of tables and figures work. A4
 * with 2 cm margins, landscape when asked (wide CSR tables). The same content gives the same
 * bytes: no dates in the package properties and fixed zip entry times ({@link WordBytes}).
 */
public final class WordDocument {

    /** A4 in twentieths of a point, and 2 cm margins. */
    private static final int A4_SHORT = 11906;
    private static final int A4_LONG = 16838;
    private static final int MARGIN = 1134;

    /** Body text and table text sizes, in points. */
    private static final int TABLE_POINTS = 8;

    private final XWPFDocument doc = new XWPFDocument();
    private final boolean landscape;
    private int tables;
    private int figures;
    private int pictures;

    public WordDocument(String title, boolean landscape) {
        this.landscape = landscape;
        WordStyles.add(doc);
        doc.getProperties().getCoreProperties().setTitle(title);
        doc.getProperties().getCoreProperties().setCreator("OncoSurv");
        doc.getProperties().getCoreProperties().setCreated(Optional.empty());
        page();
    }

    /** The width text may take, in inches: what a figure is scaled to. */
    public double textWidthInches() {
        return ((landscape ? A4_LONG : A4_SHORT) - 2 * MARGIN) / 1440.0;
    }

    /** A heading at level 1 (title of a section) to 3. */
    public WordDocument heading(int level, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(WordStyles.heading(level));
        p.createRun().setText(text);
        return this;
    }

    /** The document's title (Word's Title style). */
    public WordDocument title(String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(WordStyles.TITLE);
        p.createRun().setText(text);
        return this;
    }

    public WordDocument paragraph(String text) {
        XWPFParagraph p = doc.createParagraph();
        p.createRun().setText(text);
        return this;
    }

    /** A paragraph in small type under a table: footnotes, the methods of a table. */
    public WordDocument note(String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(WordStyles.NOTE);
        p.createRun().setText(text);
        return this;
    }

    /**
     * A captioned table ("Table n. caption" above it, as CSR tables are captioned): the first
     * row is the header, repeated on each page; cells that look like numbers are right-aligned.
     * {@code indented} rows (by index) are indented in the first column, as Table 1 indents a
     * variable's statistics under its name.
     */
    public WordDocument table(String caption, List<String> header, List<List<String>> rows,
            java.util.Set<Integer> indented) {
        caption("Table", ++tables, caption);
        XWPFTable table = doc.createTable(rows.size() + 1, header.size());
        widths(table, ColumnWidths.of(header, rows, (landscape ? A4_LONG : A4_SHORT)
                - 2 * MARGIN));
        table.setTableAlignment(TableRowAlign.CENTER);
        fill(table.getRow(0), header, true, false);
        table.getRow(0).setRepeatHeader(true);
        table.getRow(0).setCantSplitRow(true);
        for (int r = 0; r < rows.size(); r++) {
            XWPFTableRow row = table.getRow(r + 1);
            row.setCantSplitRow(true);
            fill(row, rows.get(r), false, indented.contains(r));
        }
        return this;
    }

    /** A figure as drawn for print, as wide as drawn (at most the text width), captioned. */
    public WordDocument figure(WordFigure figure) {
        return figure(figure.png(), figure.size().widthPixels(), figure.size().heightPixels(),
                figure.size().widthInches(), figure.caption());
    }

    /** A figure from PNG bytes, {@code widthInches} wide on the page, captioned under it. */
    public WordDocument figure(byte[] png, int pixelWidth, int pixelHeight, double widthInches,
            String caption) {
        double width = Math.min(widthInches, textWidthInches());
        double height = width * pixelHeight / pixelWidth;
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        p.setKeepNext(true);
        try {
            p.createRun().addPicture(new ByteArrayInputStream(png), PictureType.PNG,
                    "figure" + (++pictures) + ".png", Units.toEMU(width * 72),
                    Units.toEMU(height * 72));
        } catch (IOException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IllegalArgumentException("the figure is not a PNG", e);
        }
        caption("Figure", ++figures, caption);
        return this;
    }

    /**
     * The footer of every page: {@code text} (software and the cohort's hash, as on our PDFs)
     * and "page n of m" from Word's PAGE and NUMPAGES fields.
     */
    public WordDocument footer(String text) {
        XWPFParagraph p = doc.createFooter(HeaderFooterType.DEFAULT).createParagraph();
        p.setStyle(WordStyles.NOTE);
        p.createRun().setText(text + " · page ");
        field(p, "PAGE", "1");
        p.createRun().setText(" of ");
        field(p, "NUMPAGES", "1");
        return this;
    }

    /** A page break before what comes next. */
    public WordDocument pageBreak() {
        doc.createParagraph().setPageBreak(true);
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (doc) {
            doc.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return WordBytes.deterministic(out.toByteArray());
    }

    /** "Table 3. caption": the number a SEQ field, so Word renumbers and lists it. */
    private void caption(String kind, int number, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(WordStyles.CAPTION);
        p.setKeepNext(kind.equals("Table"));
        p.createRun().setText(kind + " ");
        field(p, "SEQ " + kind + " \\* ARABIC", Integer.toString(number));
        p.createRun().setText(". " + text);
    }

    /** A Word field with the text it shows until Word updates it. */
    private static void field(XWPFParagraph p, String instruction, String shown) {
        CTSimpleField field = p.getCTP().addNewFldSimple();
        field.setInstr(" " + instruction + " ");
        field.addNewR().addNewT().setStringValue(shown);
    }

    /**
     * Fixed column widths (twips) in the grid, on every cell and as the table's width: Word
     * and LibreOffice then lay the table out alike, each column as wide as its content asks.
     */
    private static void widths(XWPFTable table, int[] widths) {
        CTTblPr pr = table.getCTTbl().getTblPr() != null ? table.getCTTbl().getTblPr()
                : table.getCTTbl().addNewTblPr();
        CTTblWidth w = pr.isSetTblW() ? pr.getTblW() : pr.addNewTblW();
        w.setType(STTblWidth.DXA);
        w.setW(BigInteger.valueOf(java.util.Arrays.stream(widths).sum()));
        (pr.isSetTblLayout() ? pr.getTblLayout() : pr.addNewTblLayout())
                .setType(STTblLayoutType.FIXED);
        CTTblGrid grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid()
                : table.getCTTbl().addNewTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int width : widths) {
            grid.addNewGridCol().setW(BigInteger.valueOf(width));
        }
        for (XWPFTableRow row : table.getRows()) {
            for (int c = 0; c < widths.length; c++) {
                row.getCell(c).setWidthType(TableWidthType.DXA);
                row.getCell(c).setWidth(Integer.toString(widths[c]));
            }
        }
    }

    private static void fill(XWPFTableRow row, List<String> cells, boolean header,
            boolean indented) {
        for (int c = 0; c < cells.size(); c++) {
            XWPFTableCell cell = row.getCell(c);
            XWPFParagraph p = cell.getParagraphs().get(0);
            p.setSpacingAfter(0);
            String text = cells.get(c) == null ? "" : cells.get(c);
            if (c > 0 && (header || numeric(text))) {
                p.setAlignment(header ? ParagraphAlignment.CENTER : ParagraphAlignment.RIGHT);
            }
            if (c == 0 && indented) {
                p.setIndentationLeft(227); // 4 mm
            }
            XWPFRun run = p.createRun();
            run.setFontSize(TABLE_POINTS);
            run.setBold(header);
            run.setText(text);
        }
    }

    /**
     * A short cell that starts with a number, a sign, "<" or the dash of a missing value (a
     * hash or a sentence stays left-aligned).
     */
    static boolean numeric(String text) {
        if (text.isEmpty() || text.length() > 40) {
            return false;
        }
        char c = text.charAt(0);
        return Character.isDigit(c) || c == '-' || c == '−' || c == '<' || c == '–'
                || c == '.';
    }

    private void page() {
        CTSectPr sect = doc.getDocument().getBody().isSetSectPr()
                ? doc.getDocument().getBody().getSectPr()
                : doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.isSetPgSz() ? sect.getPgSz() : sect.addNewPgSz();
        size.setW(BigInteger.valueOf(landscape ? A4_LONG : A4_SHORT));
        size.setH(BigInteger.valueOf(landscape ? A4_SHORT : A4_LONG));
        if (landscape) {
            size.setOrient(STPageOrientation.LANDSCAPE);
        }
        CTPageMar margins = sect.isSetPgMar() ? sect.getPgMar() : sect.addNewPgMar();
        BigInteger m = BigInteger.valueOf(MARGIN);
        margins.setTop(m);
        margins.setBottom(m);
        margins.setLeft(m);
        margins.setRight(m);
    }
}
