package io.oncosurv.cohort;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A workbook's shared texts (xl/sharedStrings.xml) as plain strings, read once: each item's text
 * runs joined, phonetic runs left out, as POI's cell reads them. POI's own streaming table makes
 * a rich-text object at every look-up (a third of the read at 100,000 rows).
 */
final class XlsxSharedTexts extends DefaultHandler {

    private final List<String> texts = new ArrayList<>();
    private final StringBuilder item = new StringBuilder();
    private boolean inText;
    private boolean inPhonetic;

    private XlsxSharedTexts() {
    }

    /** The texts of the part, or none if the workbook has no shared texts. */
    static String[] read(InputStream part) throws Exception {
        XlsxSharedTexts handler = new XlsxSharedTexts();
        if (part != null) {
            try (part) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(handler);
                parser.parse(new InputSource(part));
            }
        }
        return handler.texts.toArray(new String[0]);
    }

    /** Excel's escapes of characters XML cannot hold (_x000D_), decoded as POI decodes them. */
    static String decoded(String text) {
        return text.contains("_x") ? new XSSFRichTextString(text).getString() : text;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes a) {
        switch (localName) {
            case "si" -> item.setLength(0);
            case "t" -> inText = true;
            case "rPh" -> inPhonetic = true;
            default -> { }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (localName) {
            case "si" -> texts.add(decoded(item.toString()));
            case "t" -> inText = false;
            case "rPh" -> inPhonetic = false;
            default -> { }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inText && !inPhonetic) {
            item.append(ch, start, length);
        }
    }
}
