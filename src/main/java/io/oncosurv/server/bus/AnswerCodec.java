package io.oncosurv.server.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;

/**
 * An {@link Answer} on the event bus: by reference within a process; across nodes as status,
 * cached flag, media type, node and body, each text and the body length-prefixed.
 */
public final class AnswerCodec implements MessageCodec<Answer, Answer> {

    @Override
    public void encodeToWire(Buffer buffer, Answer answer) {
        Answer a = answer.rendered(); // workers render for other nodes; this is the safety net
        buffer.appendInt(a.status()).appendByte((byte) (a.cached() ? 1 : 0));
        text(buffer, a.contentType());
        text(buffer, a.node());
        buffer.appendInt(a.body().length).appendBytes(a.body());
    }

    @Override
    public Answer decodeFromWire(int position, Buffer buffer) {
        int at = position;
        int status = buffer.getInt(at);
        boolean cached = buffer.getByte(at + 4) == 1;
        at += 5;
        int typeLength = buffer.getInt(at);
        String type = buffer.getString(at + 4, at + 4 + typeLength, "UTF-8");
        at += 4 + typeLength;
        int nodeLength = buffer.getInt(at);
        String node = buffer.getString(at + 4, at + 4 + nodeLength, "UTF-8");
        at += 4 + nodeLength;
        int bodyLength = buffer.getInt(at);
        return new Answer(status, type, buffer.getBytes(at + 4, at + 4 + bodyLength), node,
                cached);
    }

    private static void text(Buffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.appendInt(bytes.length).appendBytes(bytes);
    }

    @Override
    public Answer transform(Answer answer) {
        return answer; // immutable in use: nobody writes into a body once rendered
    }

    @Override
    public String name() {
        return "oncosurv-answer";
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
