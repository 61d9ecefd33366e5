package io.oncosurv.cohort;

import io.oncosurv.cohort.CohortRejectedException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipFileZipEntrySource;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An Excel workbook (.xlsx) read as the CSV of its first sheet: numbers written back as they
 * read (12.5, integers without ".0"), dates as ISO yyyy-mm-dd, empty cells empty, so the cohort
 * reader applies the same checks to the same text as to a CSV ({@link XlsxSheetCsv} says how
 * each cell is written and what is refused).
 *
 * <p>The sheet is streamed (POI's event API: the XML parsed as it is unpacked, one row held at
 * a time), not built in memory: a workbook of 100,000 rows built whole took ~35 s and 2.7 GB of
 * heap. Only the shared texts are held (as the cells would be). Before anything is parsed, each
 * part is unpacked once to count its bytes, so that a ZIP bomb is refused at a limit.
 */
final class XlsxSheet {

    /** A workbook that unpacks to more than this is refused (~550,000 rows of 12 columns). */
    static final long MAX_UNPACKED_BYTES = 256L << 20;

    /**
     * A part that unpacks to more than this many times its packed size is refused once it is
     * past {@link #RATIO_GRACE_BYTES}: a sheet packs ~8 to 1, a bomb of zeros ~1000 to 1 (POI's
     * own guard refuses a ratio over 100 too).
     */
    static final int MAX_INFLATE_RATIO = 100;

    static final long RATIO_GRACE_BYTES = 1L << 20;

    private static final String SAVE_AS_CSV = "save the sheet as \"CSV UTF-8\" and send that "
            + "file";

    private XlsxSheet() {
    }

    private static final byte[] WORKBOOK_PART = "xl/workbook.xml".getBytes(
            StandardCharsets.US_ASCII);

    /**
     * A ZIP archive (PK\3\4) naming {@code xl/workbook.xml}: an .xlsx workbook. Entry names are
     * stored uncompressed, so nothing is inflated to tell (a bomb costs one scan of its bytes).
     */
    static boolean isWorkbook(byte[] b) {
        if (b.length < 4 || b[0] != 'P' || b[1] != 'K' || b[2] != 3 || b[3] != 4) {
            return false;
        }
        outer:
        for (int i = 4; i + WORKBOOK_PART.length <= b.length; i++) {
            for (int k = 0; k < WORKBOOK_PART.length; k++) {
                if (b[i + k] != WORKBOOK_PART[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The first sheet as CSV (UTF-8, comma-separated, header first). */
    static byte[] toCsv(byte[] workbook) throws CohortRejectedException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(
                    workbook)).get();
        } catch (IOException | RuntimeException e) {
            throw malformed("The workbook cannot be read.", "the .xlsx is not a readable ZIP "
                    + "archive (" + reason(e) + "): " + SAVE_AS_CSV);
        }
        try (zip) {
            checkUnpackedSize(zip);
            OPCPackage pkg = OPCPackage.open(new ZipFileZipEntrySource(zip));
            try {
                return firstSheet(pkg);
            } finally {
                pkg.revert(); // read only: nothing is written back
            }
        } catch (CohortRejectedException e) {
            throw e;
        } catch (Exception e) { // IOException, POI's format exceptions, SAXException
            throw malformed("The workbook cannot be read.", "the .xlsx is damaged or not an "
                    + "Excel workbook (" + reason(e) + "): " + SAVE_AS_CSV);
        }
    }

    private static byte[] firstSheet(OPCPackage pkg) throws Exception {
        XSSFReader reader = new XSSFReader(pkg);
        Iterator<InputStream> sheets = reader.getSheetsData();
        if (!sheets.hasNext()) {
            throw malformed("The workbook has no sheet.", "an .xlsx with its cohort on the first "
                    + "sheet was expected");
        }
        StylesTable styles = reader.getStylesTable();
        String[] strings = XlsxSharedTexts.read(sharedTexts(reader));
        XlsxSheetCsv sheet = new XlsxSheetCsv(strings, styles, isDate1904(reader));
        // POI's secure SAX parser (no DTDs, no external entities), the sheet streamed through
        try (InputStream in = sheets.next()) {
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(sheet);
            parser.parse(new InputSource(in));
        } catch (XlsxSheetCsv.Refused e) {
            throw e.refusal;
        }
        return sheet.csv();
    }

    /** The shared texts' part, or null if the workbook has none. */
    private static InputStream sharedTexts(XSSFReader reader) throws Exception {
        try {
            return reader.getSharedStringsData();
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException
                | IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the workbook counts its dates from 1904 (old Mac Excel) rather than 1900. */
    private static boolean isDate1904(XSSFReader reader) throws Exception {
        boolean[] date1904 = new boolean[1];
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes a) {
                if (localName.equals("workbookPr")) {
                    String v = a.getValue("date1904");
                    date1904[0] = "1".equals(v) || "true".equals(v);
                }
            }
        });
        try (InputStream in = reader.getWorkbookData()) {
            parser.parse(new InputSource(in));
        }
        return date1904[0];
    }

    /**
     * Unpacks every part once, counting: a bomb is refused at the limit (in all, or against its
     * packed size), nothing kept.
     */
    private static void checkUnpackedSize(ZipFile zip) throws CohortRejectedException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try {
            for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements();) {
                ZipArchiveEntry entry = e.nextElement();
                long packed = Math.max(1, entry.getCompressedSize());
                long unpacked = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        unpacked += n;
                        total += n;
                        if (total > MAX_UNPACKED_BYTES) {
                            throw tooLarge("the .xlsx unpacks to more than "
                                    + (MAX_UNPACKED_BYTES >> 20) + " MB");
                        }
                        if (unpacked > RATIO_GRACE_BYTES
                                && unpacked > packed * MAX_INFLATE_RATIO) {
                            throw tooLarge("its part " + entry.getName() + " unpacks to more "
                                    + "than " + MAX_INFLATE_RATIO + " times its packed size");
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw malformed("The workbook cannot be read.", "the .xlsx is not a readable ZIP "
                    + "archive (" + reason(e) + "): " + SAVE_AS_CSV);
        }
    }

    private static CohortRejectedException tooLarge(String why) {
        return new CohortRejectedException(Kind.UNUSABLE, "The workbook is too large.", List.of(
                Problem.ofFile(why + ": " + SAVE_AS_CSV + " (a CSV may be larger)")), 1);
    }

    /** A value as the CSV of the same data writes it. */
    static String text(Object value) {
        if (value instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return Double.toString(d);
        }
        if (value instanceof Float f) {
            return text(f.doubleValue());
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
                    : t.toString();
        }
        return String.valueOf(value); // text, integers, true/false
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 120 ? message.substring(0, 120) + "…" : message;
    }

    static CohortRejectedException malformed(String summary, String advice) {
        return new CohortRejectedException(Kind.MALFORMED, summary, List.of(Problem.ofFile(
                advice)), 1);
    }
}
