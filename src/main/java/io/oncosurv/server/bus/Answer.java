package io.oncosurv.server.bus;

/**
 * An operation's answer as the client gets it: status, media type and body bytes (rendered by
 * the worker, so the answer crosses the wire as it is), the node that answered and whether it
 * came from that node's cache.
 */
public record Answer(int status, String contentType, byte[] body, String node, boolean cached) {

    /** The same answer, as served again from the cache. */
    public Answer fromCache() {
        return new Answer(status, contentType, body, node, true);
    }

    /** What the cache weighs it by. */
    public int weight() {
        return body.length + contentType.length() + node.length() + 16;
    }
}
