package org.scopedrnn.report.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.scopedrnn.wire.ProtoWire;

/**
 * TensorBoard's {@code Event} protobufs (tensorflow/core/util/event.proto), serialized as
 * protobuf's own serializer does. Field numbers are TensorFlow's; only what a training report needs.
 */
public final class Events {

    /** The version line TensorBoard expects first in every event file. */
    public static final String FILE_VERSION = "brain.Event:2";

    // Event
    private static final int WALL_TIME = 1;
    private static final int STEP = 2;
    private static final int VERSION = 3;
    private static final int SUMMARY = 5;
    private static final int SESSION_LOG = 7;
    // SessionLog
    private static final int STATUS = 1;
    private static final int START = 1;
    // Summary and Summary.Value
    private static final int VALUE = 1;
    private static final int TAG = 1;
    private static final int SIMPLE_VALUE = 2;
    private static final int TENSOR = 8;
    private static final int METADATA = 9;
    // SummaryMetadata and PluginData
    private static final int PLUGIN_DATA = 1;
    private static final int PLUGIN_NAME = 1;
    // TensorProto, TensorShapeProto and its Dim
    private static final int DTYPE = 1;
    private static final int DT_STRING = 7;
    private static final int TENSOR_SHAPE = 2;
    private static final int DIM = 2;
    private static final int DIM_SIZE = 1;
    private static final int STRING_VAL = 8;

    private Events() {}

    /** The first event of a file: which version of the format follows. */
    public static byte[] fileVersion(double wallTime) {
        return event(wallTime, 0).message(VERSION, utf8(FILE_VERSION)).toByteArray();
    }

    /**
     * A session start at {@code step}: TensorBoard then drops what earlier files of the same
     * directory recorded at this step and later, which a resumed (or restarted) run trains again.
     */
    public static byte[] sessionStart(double wallTime, long step) {
        byte[] log = new ProtoWire.Writer().varint(STATUS, START).toByteArray();
        return event(wallTime, step).message(SESSION_LOG, log).toByteArray();
    }

    /** Scalars by tag at {@code step}, one summary value each (TensorBoard's scalar dashboard). */
    public static byte[] scalars(double wallTime, long step, Map<String, Double> values) {
        var summary = new ProtoWire.Writer();
        values.forEach((tag, v) -> summary.message(VALUE, new ProtoWire.Writer()
                .message(TAG, utf8(tag)).floatMember(SIMPLE_VALUE, v.floatValue()).toByteArray()));
        return event(wallTime, step).message(SUMMARY, summary.toByteArray()).toByteArray();
    }

    /**
     * {@code texts} as one text summary: a string tensor of shape {@code [n]} marked for the text
     * plugin, which shows it as a table, one row per text.
     */
    public static byte[] texts(double wallTime, long step, String tag, List<String> texts) {
        var tensor = new ProtoWire.Writer().varint(DTYPE, DT_STRING)
                .message(TENSOR_SHAPE, new ProtoWire.Writer().message(DIM,
                        new ProtoWire.Writer().varint(DIM_SIZE, texts.size()).toByteArray()).toByteArray());
        texts.forEach(t -> tensor.message(STRING_VAL, utf8(t)));
        byte[] metadata = new ProtoWire.Writer().message(PLUGIN_DATA,
                new ProtoWire.Writer().message(PLUGIN_NAME, utf8("text")).toByteArray()).toByteArray();
        byte[] value = new ProtoWire.Writer().message(TAG, utf8(tag)).message(TENSOR, tensor.toByteArray())
                .message(METADATA, metadata).toByteArray();
        byte[] summary = new ProtoWire.Writer().message(VALUE, value).toByteArray();
        return event(wallTime, step).message(SUMMARY, summary).toByteArray();
    }

    private static ProtoWire.Writer event(double wallTime, long step) {
        return new ProtoWire.Writer().fixed64(WALL_TIME, Double.doubleToLongBits(wallTime)).varint(STEP, step);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
