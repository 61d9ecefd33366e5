package io.oncosurv.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * An answer's body too large to hold as bytes (a survival curve of a million points is 178 MB
 * of JSON): what it is made from, written on demand, so the node that took the request streams
 * it to the client (server/http/ResponseStream) while it is written. It stays in this process: an
 * answer for another node is rendered to bytes first (server/bus/Answer.rendered).
 */
public interface StreamedBody {

    /** Writes the body's bytes, the same each time. */
    void writeTo(OutputStream out) throws IOException;

    /** The bytes the body holds in memory (what the answer cache weighs it by). */
    int weight();

    /** The body as bytes. */
    default byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory does not fail
        }
        return out.toByteArray();
    }
}
