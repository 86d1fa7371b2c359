package org.scopedrnn.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.data.CorpusException;
import org.scopedrnn.data.Newlines;

class Utf8SegmentReaderTest {

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    /** Every character kind that can straddle a boundary: 2-, 3- and 4-byte UTF-8, \r\n, lone \r, \r\r\n. */
    private static final String TEXT = "a\u00e9\r\n\u20ac\r\r\nx\uD83D\uDE00\r\u00fc\r\n\n\uD83D\uDE00b\r";

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** The characters every segment of size {@code split} owns, concatenated in order. */
    private String readInSegments(Path file, int split, Newlines newlines) throws IOException {
        long length = Files.size(file);
        var out = new StringBuilder();
        for (long start = 0; start < length; start += split) {
            var segment = new Segment(0, 0, file.toString(), start, Math.min(length, start + split));
            SegmentScan scan = SegmentScan.of(segment, newlines, conf);
            try (Utf8SegmentReader r = Utf8SegmentReader.open(segment, newlines, conf)) {
                for (long i = 0; i < scan.chars(); i++) {
                    out.appendCodePoint(r.next());
                }
            }
        }
        return out.toString();
    }

    @Test
    void everySplitSizeReadsEachCharacterExactlyOnceInUniversalMode() throws IOException {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        Path file = write("t.txt", bytes);
        String expected = Newlines.UNIVERSAL.apply(TEXT);
        for (int split = 1; split <= bytes.length; split++) {
            assertEquals(expected, readInSegments(file, split, Newlines.UNIVERSAL), "split " + split);
        }
    }

    @Test
    void everySplitSizeKeepsEveryByteInKeepMode() throws IOException {
        Path file = write("t.txt", TEXT.getBytes(StandardCharsets.UTF_8));
        for (int split = 1; split <= 12; split++) {
            assertEquals(TEXT, readInSegments(file, split, Newlines.KEEP), "split " + split);
        }
    }

    @Test
    void aByteOrderMarkIsDroppedOnlyAtTheFileStartWhateverTheSplit() throws IOException {
        byte[] body = "\uFEFFhi\uFEFF".getBytes(StandardCharsets.UTF_8);
        Path file = write("bom.txt", body);
        for (int split = 1; split <= body.length; split++) {
            assertEquals("hi\uFEFF", readInSegments(file, split, Newlines.UNIVERSAL), "split " + split);
        }
    }

    @Test
    void aStrayContinuationByteAtASegmentStartIsAnErrorNotSkipped() throws IOException {
        Path file = write("bad.txt", new byte[] {'a', 'b', (byte) 0x80, 'c'});

        var e = assertThrows(CorpusException.class, () -> readInSegments(file, 2, Newlines.UNIVERSAL));

        assertTrue(e.getMessage().contains("byte 0x80 at offset 2"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aMalformedSequenceAcrossABoundaryIsReportedAtItsLeadByteWhateverTheSplit() throws IOException {
        Path file = write("bad.txt", new byte[] {'a', 'b', 'c', (byte) 0xe9, 'd', 'e'});
        for (int split = 1; split <= 6; split++) {
            int size = split;
            var e = assertThrows(CorpusException.class, () -> readInSegments(file, size, Newlines.UNIVERSAL));
            assertTrue(e.getMessage().contains("byte 0xe9 at offset 3"), e.getMessage());
        }
    }

    @Test
    void rejectsWhatTheJdkDecoderRejects() throws IOException {
        byte[][] bad = {
            {(byte) 0xc0, (byte) 0xaf}, // overlong
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // surrogate
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {'x', (byte) 0xe2, (byte) 0x82}, // truncated at the end of the file
            {(byte) 0xff},
        };
        for (byte[] b : bad) {
            Path file = write("bad.txt", b);
            assertThrows(CorpusException.class, () -> readInSegments(file, 64, Newlines.UNIVERSAL),
                    java.util.Arrays.toString(b));
            assertThrows(CorpusException.class, () -> org.scopedrnn.data.TextCorpus.read(file.toString(), conf),
                    java.util.Arrays.toString(b));
        }
    }
}
