package io.oncosurv.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Saves a PDF whose file ID is the first 16 bytes of the SHA-256 of what it shows, rather than
 * PDFBox's time-based one: the same figure or page gives the same bytes (figures, report jobs).
 */
public final class PdfIds {

    private PdfIds() {
    }

    /** {@code doc} saved with the ID of {@code content} (the drawing, the page's source). */
    public static byte[] save(PDDocument doc, byte[] content) throws IOException {
        byte[] id = Arrays.copyOf(sha256(content), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        doc.getDocument().getTrailer().setItem(COSName.ID, ids);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has SHA-256", e);
        }
    }
}
