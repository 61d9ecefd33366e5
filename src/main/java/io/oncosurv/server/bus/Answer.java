package io.oncosurv.server.bus;

import io.oncosurv.json.StreamedBody;

/**
 * An operation's answer as the client gets it: status, media type and body bytes (rendered by
 * the worker, so the answer crosses the wire as it is), the node that answered and whether it
 * came from that node's cache. A large answer for this node's own HTTP side may instead carry
 * its body {@code streamed} (its bytes then empty), written while it is sent.
 */
public record Answer(int status, String contentType, byte[] body, String node, boolean cached,
        StreamedBody streamed) {

    private static final byte[] NONE = new byte[0];

    public Answer(int status, String contentType, byte[] body, String node, boolean cached) {
        this(status, contentType, body, node, cached, null);
    }

    /** A streamed answer (not cached yet). */
    public static Answer streamed(int status, String contentType, StreamedBody body, String node) {
        return new Answer(status, contentType, NONE, node, false, body);
    }

    /** The same answer, as served again from the cache. */
    public Answer fromCache() {
        return new Answer(status, contentType, body, node, true, streamed);
    }

    /** The same answer with its body as bytes (for another node: bytes cross the wire). */
    public Answer rendered() {
        return streamed == null ? this
                : new Answer(status, contentType, streamed.bytes(), node, cached, null);
    }

    /** What the cache weighs it by. */
    public int weight() {
        return (streamed == null ? body.length : streamed.weight()) + contentType.length()
                + node.length() + 16;
    }
}
