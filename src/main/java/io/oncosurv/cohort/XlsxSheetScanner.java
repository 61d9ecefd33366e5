package io.oncosurv.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A worksheet's XML (UTF-8) tokenised straight from its bytes into SAX events: start and end
 * tags (local names, attributes by qualified name), text with the five entities and character
 * references decoded, CDATA, comments and processing instructions skipped; tags must nest.
 *
 * <p>Why not the JDK's SAX parser: on a sheet of 100,000 rows (44 MB of XML) it alone took
 * 0.45 s warm and 2.4 s cold; with this the whole read went from 2.1 to 0.8-1.1 s warm
 * (bench/XlsxIngestBench.java). A document this does not handle (a DOCTYPE, another encoding) is
 * left to the JDK's parser: {@link Unsupported} is thrown before any event.
 */
final class XlsxSheetScanner {

    /** Thrown before any event when the document needs a full XML parser. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** Longer tags or texts are refused: a cell holds at most 32,767 characters in Excel. */
    static final int MAX_TAG_BYTES = 1 << 20;
    static final int MAX_TEXT_CHARS = 1 << 20;

    private final InputStream in;
    private final DefaultHandler handler;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private char[] text = new char[256];
    private final TagAttributes attributes = new TagAttributes();
    private String[] open = new String[16];
    private int depth;
    private boolean started; // an element was seen: too late to hand over

    private XlsxSheetScanner(InputStream in, DefaultHandler handler) {
        this.in = in;
        this.handler = handler;
    }

    static void scan(InputStream in, DefaultHandler handler) throws IOException, SAXException,
            Unsupported {
        new XlsxSheetScanner(in, handler).run();
    }

    private void run() throws IOException, SAXException, Unsupported {
        fill(4);
        if (end >= 2 && ((buf[0] & 0xff) == 0xfe || (buf[0] & 0xff) == 0xff)) {
            throw new Unsupported("UTF-16");
        }
        if (end >= 3 && (buf[0] & 0xff) == 0xef && (buf[1] & 0xff) == 0xbb
                && (buf[2] & 0xff) == 0xbf) {
            pos = 3;
        }
        while (true) {
            int t = 0; // text up to the next tag
            while (true) {
                if (pos == end && !fill(1)) {
                    break;
                }
                byte b = buf[pos];
                if (b == '<') {
                    break;
                }
                if (b == '&') {
                    t = entity(t);
                    continue;
                }
                if (b == '\r') { // XML reads a line end as \n
                    fill(2);
                    pos += pos + 1 < end && buf[pos + 1] == '\n' ? 2 : 1;
                    t = put(t, '\n');
                } else if (b >= 0) {
                    t = put(t, (char) b);
                    pos++;
                } else {
                    t = utf8(t);
                }
            }
            if (t > 0 && depth > 0) {
                handler.characters(text, 0, t);
            }
            if (pos == end && !fill(1)) {
                break;
            }
            tag();
        }
        if (depth != 0) {
            throw new SAXException("the sheet's XML ends inside <" + open[depth - 1] + ">");
        }
        if (!started) {
            throw new SAXException("the sheet's XML has no element");
        }
    }

    /** At '<': one tag, comment, CDATA section or processing instruction. */
    private void tag() throws IOException, SAXException, Unsupported {
        fill(9);
        byte next = pos + 1 < end ? buf[pos + 1] : 0;
        if (next == '?') {
            skipPast("?>", true);
            return;
        }
        if (next == '!') {
            if (startsWith("<!--")) {
                skipPast("-->", false);
            } else if (startsWith("<![CDATA[")) {
                pos += 9;
                cdata();
            } else {
                if (started) {
                    throw new SAXException("a declaration inside the sheet's XML");
                }
                throw new Unsupported("a DOCTYPE or declaration");
            }
            return;
        }
        int close = tagEnd();
        int p = pos + 1;
        if (buf[p] == '/') {
            String name = localName(p + 1, nameEnd(p + 1, close));
            if (depth == 0 || !open[depth - 1].equals(name)) {
                throw new SAXException("</" + name + "> does not close the open element");
            }
            depth--;
            handler.endElement("", name, name);
            pos = close + 1;
            return;
        }
        int nameEnd = nameEnd(p, close);
        String name = localName(p, nameEnd);
        boolean empty = buf[close - 1] == '/';
        attributes.parse(buf, nameEnd, empty ? close - 1 : close);
        started = true;
        pos = close + 1;
        handler.startElement("", name, name, attributes);
        if (empty) {
            handler.endElement("", name, name);
        } else {
            if (depth == open.length) {
                open = Arrays.copyOf(open, depth * 2);
            }
            open[depth++] = name;
        }
    }

    /** The index of the '>' closing the tag at pos (quotes respected), the whole tag buffered. */
    private int tagEnd() throws IOException, SAXException {
        int i = pos + 1;
        byte quote = 0;
        while (true) {
            if (i == end) {
                int shift = pos;
                if (!fill(i - pos + 1)) {
                    throw new SAXException("the sheet's XML ends inside a tag");
                }
                i -= shift - pos;
            }
            if (i - pos > MAX_TAG_BYTES) {
                throw new SAXException("a tag in the sheet's XML is longer than "
                        + (MAX_TAG_BYTES >> 20) + " MB");
            }
            byte b = buf[i];
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                return i;
            }
            i++;
        }
    }

    private int nameEnd(int from, int limit) {
        int i = from;
        while (i < limit && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' && buf[i] != '\r'
                && buf[i] != '/' && buf[i] != '>') {
            i++;
        }
        return i;
    }

    /** The name without its prefix; the sheet's few names without a new String each. */
    private String localName(int from, int to) throws SAXException {
        for (int i = to - 1; i >= from; i--) {
            if (buf[i] == ':') {
                from = i + 1;
                break;
            }
        }
        int n = to - from;
        if (n <= 0) {
            throw new SAXException("an element without a name in the sheet's XML");
        }
        byte a = buf[from];
        if (n == 1) {
            switch (a) {
                case 'c': return "c";
                case 'v': return "v";
                case 'f': return "f";
                case 't': return "t";
                case 'r': return "r";
                default: break;
            }
        } else if (n == 2 && a == 'i' && buf[from + 1] == 's') {
            return "is";
        } else if (n == 3 && a == 'r' && buf[from + 1] == 'o' && buf[from + 2] == 'w') {
            return "row";
        }
        return new String(buf, from, n, StandardCharsets.UTF_8);
    }

    private boolean startsWith(String s) {
        if (end - pos < s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (buf[pos + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void skipPast(String marker, boolean declaration) throws IOException, SAXException,
            Unsupported {
        while (true) {
            if (end - pos < marker.length() && !fill(marker.length())) {
                throw new SAXException("the sheet's XML ends inside <" + marker);
            }
            if (startsWith(marker)) {
                break;
            }
            pos++;
        }
        if (declaration && !started) { // <?xml ... encoding="..."?>: only UTF-8 is read here
            String decl = new String(buf, Math.max(0, pos - 200), Math.min(pos, 200),
                    StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            int e = decl.indexOf("encoding");
            if (e >= 0 && !decl.substring(e).matches("(?s)encoding\\s*=\\s*[\"']utf-?8[\"'].*")) {
                throw new Unsupported("an encoding other than UTF-8");
            }
        }
        pos += marker.length();
    }

    private void cdata() throws IOException, SAXException {
        int t = 0;
        while (true) {
            if (end - pos < 3 && !fill(3)) {
                throw new SAXException("the sheet's XML ends inside CDATA");
            }
            if (buf[pos] == ']' && buf[pos + 1] == ']' && buf[pos + 2] == '>') {
                pos += 3;
                break;
            }
            if (buf[pos] >= 0) {
                t = put(t, (char) buf[pos++]);
            } else {
                t = utf8(t);
            }
        }
        if (t > 0 && depth > 0) {
            handler.characters(text, 0, t);
        }
    }

    /** At '&': one entity or character reference. */
    private int entity(int t) throws IOException, SAXException {
        fill(12);
        int semi = -1;
        for (int i = pos + 1; i < Math.min(end, pos + 12); i++) {
            if (buf[i] == ';') {
                semi = i;
                break;
            }
        }
        if (semi < 0) {
            throw new SAXException("an unterminated entity in the sheet's XML");
        }
        String name = new String(buf, pos + 1, semi - pos - 1, StandardCharsets.US_ASCII);
        pos = semi + 1;
        switch (name) {
            case "amp": return put(t, '&');
            case "lt": return put(t, '<');
            case "gt": return put(t, '>');
            case "quot": return put(t, '"');
            case "apos": return put(t, '\'');
            default: break;
        }
        try {
            int cp = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
                    : name.startsWith("#") ? Integer.parseInt(name.substring(1)) : -1;
            if (cp >= 0) {
                for (char c : Character.toChars(cp)) {
                    t = put(t, c);
                }
                return t;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new SAXException("the entity &" + name + "; in the sheet's XML");
    }

    /** At a byte >= 0x80: one UTF-8 sequence. */
    private int utf8(int t) throws IOException, SAXException {
        fill(4);
        int b0 = buf[pos] & 0xff;
        int n = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc0 ? 2 : 0;
        if (n == 0 || end - pos < n) {
            throw new SAXException("the sheet's XML is not UTF-8");
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        for (int k = 0; k < s.length(); k++) {
            t = put(t, s.charAt(k));
        }
        return t;
    }

    private int put(int t, char c) throws SAXException {
        if (t == text.length) {
            if (t >= MAX_TEXT_CHARS) {
                throw new SAXException("a text in the sheet's XML is longer than "
                        + MAX_TEXT_CHARS + " characters");
            }
            text = Arrays.copyOf(text, t * 2);
        }
        text[t] = c;
        return t + 1;
    }

    /**
     * Makes at least {@code need} bytes available from pos (fewer at the end of the stream),
     * moving what is left to the front: false if none are.
     */
    private boolean fill(int need) throws IOException {
        if (end - pos >= need || eof) {
            return end > pos;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (need > buf.length / 2) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, need * 2));
        }
        while (end - pos < need && !eof) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
        return end > pos;
    }

    /**
     * A tag's attributes, by qualified name (the handler asks for r, t and s): kept as offsets
     * into the buffer, made strings only when asked for, while the handler sees the tag.
     */
    private static final class TagAttributes implements Attributes {
        private byte[] b;
        private int[] at = new int[32]; // name from, name to, value from, value to
        private int count;

        void parse(byte[] bytes, int from, int to) throws SAXException {
            b = bytes;
            count = 0;
            int i = from;
            while (true) {
                while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
                    i++;
                }
                if (i >= to) {
                    return;
                }
                int nameFrom = i;
                while (i < to && b[i] != '=' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n'
                        && b[i] != '\r') {
                    i++;
                }
                int nameTo = i;
                while (i < to && b[i] != '=') {
                    i++;
                }
                i++;
                while (i < to && b[i] != '"' && b[i] != '\'') {
                    i++;
                }
                if (i >= to) {
                    throw new SAXException("an attribute without a quoted value in the sheet's "
                            + "XML");
                }
                byte quote = b[i++];
                int valueFrom = i;
                while (i < to && b[i] != quote) {
                    i++;
                }
                if (4 * count + 4 > at.length) {
                    at = Arrays.copyOf(at, at.length * 2);
                }
                at[4 * count] = nameFrom;
                at[4 * count + 1] = nameTo;
                at[4 * count + 2] = valueFrom;
                at[4 * count + 3] = i;
                count++;
                i++;
            }
        }

        private boolean nameIs(int k, String qName) {
            int from = at[4 * k];
            int n = at[4 * k + 1] - from;
            if (n != qName.length()) {
                return false;
            }
            for (int j = 0; j < n; j++) {
                if (b[from + j] != qName.charAt(j)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String getValue(String qName) {
            int k = getIndex(qName);
            return k < 0 ? null : getValue(k);
        }

        @Override
        public int getLength() {
            return count;
        }

        @Override
        public String getQName(int index) {
            return index < count ? new String(b, at[4 * index], at[4 * index + 1]
                    - at[4 * index], StandardCharsets.UTF_8) : null;
        }

        @Override
        public String getValue(int index) {
            return index < count ? unescape(new String(b, at[4 * index + 2], at[4 * index + 3]
                    - at[4 * index + 2], StandardCharsets.UTF_8)) : null;
        }

        private static String unescape(String v) {
            if (v.indexOf('&') < 0) {
                return v;
            }
            return v.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&apos;", "'").replace("&amp;", "&");
        }

        @Override
        public String getURI(int index) {
            return index < count ? "" : null;
        }

        @Override
        public String getLocalName(int index) {
            return getQName(index);
        }

        @Override
        public String getType(int index) {
            return index < count ? "CDATA" : null;
        }

        @Override
        public int getIndex(String uri, String localName) {
            return getIndex(localName);
        }

        @Override
        public int getIndex(String qName) {
            for (int k = 0; k < count; k++) {
                if (nameIs(k, qName)) {
                    return k;
                }
            }
            return -1;
        }

        @Override
        public String getType(String uri, String localName) {
            return getType(getIndex(localName));
        }

        @Override
        public String getType(String qName) {
            return getType(getIndex(qName));
        }

        @Override
        public String getValue(String uri, String localName) {
            return getValue(localName);
        }
    }
}
