package io.oncosurv.server.bus;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Every {@link Operation} on the event bus, one codec for all kinds: by reference within a
 * process; across nodes as the record's class name and the record as JSON (its components by
 * name, numbers as written, NaN as "NaN"). Only records that are operations are read back: a
 * class name from the wire names nothing else.
 */
public final class OperationCodec implements MessageCodec<Operation, Operation> {

    public static final String NAME = "oncosurv-operation";

    /** Record components only (no getter-like methods such as {@code isEmpty()}). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public void encodeToWire(Buffer buffer, Operation operation) {
        byte[] kind = operation.getClass().getName().getBytes(StandardCharsets.UTF_8);
        byte[] json = write(operation);
        buffer.appendInt(kind.length).appendBytes(kind).appendInt(json.length).appendBytes(json);
    }

    @Override
    public Operation decodeFromWire(int position, Buffer buffer) {
        int kindLength = buffer.getInt(position);
        String kind = buffer.getString(position + 4, position + 4 + kindLength, "UTF-8");
        int at = position + 4 + kindLength;
        int jsonLength = buffer.getInt(at);
        return read(kind, buffer.getBytes(at + 4, at + 4 + jsonLength));
    }

    static byte[] write(Operation operation) {
        try {
            return JSON.writeValueAsBytes(operation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operation of class {@code kind} written as {@code json}. */
    static Operation read(String kind, byte[] json) {
        Class<?> type;
        try {
            type = Class.forName(kind, false, Operation.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no operation " + kind, e);
        }
        if (!type.isRecord() || !Operation.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(kind + " is not an operation");
        }
        try {
            return (Operation) JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Operation transform(Operation operation) {
        return operation; // records of immutable values
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
