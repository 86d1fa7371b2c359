package org.scopedrnn.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our events against the bytes Python's protobuf serializes for the same messages (TensorBoard 2.21's protos). */
class EventsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void fileVersionEventMatchesProtobuf() {
        assertEquals("09000000000000f83f1a0d627261696e2e4576656e743a32", HEX.formatHex(Events.fileVersion(1.5)));
    }

    @Test
    void scalarEventMatchesProtobuf() {
        assertEquals("09000000000000024010072a130a110a0a6c6f73732f747261696e150000003f",
                HEX.formatHex(Events.scalars(2.25, 7, Map.of("loss/train", 0.5))));
    }

    @Test
    void aZeroScalarIsWrittenNotLeftOutAsAProto3DefaultWouldBe() {
        assertEquals("09000000000000144010032a160a140a0d6c6561726e696e675f726174651500000000",
                HEX.formatHex(Events.scalars(5.0, 3, Map.of("learning_rate", 0.0))));
    }

    @Test
    void textEventIsAStringTensorForTheTextPlugin() {
        // Summary.Value(tag="samples", metadata=text plugin, tensor=make_tensor_proto(["a", "é ->  b"]))
        assertEquals("090000000000000840100c2a2c0a2a0a0773616d706c6573421508071204120208024201614208c3a9202d3e2020624a"
                + "080a060a0474657874", HEX.formatHex(Events.texts(3.0, 12, "samples", List.of("a", "é ->  b"))));
    }

    @Test
    void sessionStartMatchesProtobuf() {
        assertEquals("090000000000001240100b3a020801", HEX.formatHex(Events.sessionStart(4.5, 11)));
    }

    @Test
    void severalScalarsShareOneSummaryInTheOrderGiven() {
        var values = new LinkedHashMap<String, Double>();
        values.put("a", 1.0);
        values.put("b", 2.0);
        // Summary{value{tag:"a" simple_value:1} value{tag:"b" simple_value:2}} at step 1, wall time 0
        assertEquals("10012a140a080a016115" + "0000803f" + "0a080a016215" + "00000040",
                HEX.formatHex(Events.scalars(0.0, 1, values)));
    }
}
