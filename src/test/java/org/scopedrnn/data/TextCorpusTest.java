package org.scopedrnn.data;

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

class TextCorpusTest {

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsUtf8TextFromAPlainPath() throws IOException {
        Path p = write("anna.txt", "Happy families are all alike; é ü 😀\n".getBytes(StandardCharsets.UTF_8));

        TextCorpus c = TextCorpus.read(p.toString(), conf);

        assertEquals("Happy families are all alike; é ü 😀\n", c.text());
        assertEquals(p.toString(), c.location());
    }

    @Test
    void readsAFileUri() throws IOException {
        Path p = write("uri.txt", "hello".getBytes(StandardCharsets.UTF_8));
        String uri = p.toUri().toString();
        assertTrue(uri.startsWith("file:"), uri);

        assertEquals("hello", TextCorpus.read(uri, conf).text());
    }

    @Test
    void missingFileIsACorpusExceptionNamingThePath() {
        String missing = dir.resolve("nope.txt").toString();

        var e = assertThrows(CorpusException.class, () -> TextCorpus.read(missing, conf));

        assertTrue(e.getMessage().contains(missing), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path p = write("empty.txt", new byte[0]);

        var e = assertThrows(CorpusException.class, () -> TextCorpus.read(p.toString(), conf));

        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void fileWithOnlyAByteOrderMarkIsEmpty() throws IOException {
        Path p = write("bom-only.txt", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});

        var e = assertThrows(CorpusException.class, () -> TextCorpus.read(p.toString(), conf));

        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void directoryIsRejected() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("texts"));

        var e = assertThrows(CorpusException.class, () -> TextCorpus.read(sub.toString(), conf));

        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(e.getMessage().contains(sub.toString()), e.getMessage());
    }

    @Test
    void invalidUtf8NamesTheByteAndItsOffset() throws IOException {
        byte[] bytes = "hello world".getBytes(StandardCharsets.US_ASCII);
        bytes[5] = (byte) 0xff;
        Path p = write("latin.txt", bytes);

        var e = assertThrows(CorpusException.class, () -> TextCorpus.read(p.toString(), conf));

        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("byte 0xff at offset 5"), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void latin1AccentIsReportedAtItsFileOffsetAfterMultiByteCharacters() throws IOException {
        // "é" in UTF-8 is 2 bytes; the Latin-1 'é' (0xe9) follows at file offset 3
        byte[] bytes = {(byte) 0xc3, (byte) 0xa9, 'a', (byte) 0xe9, 'b', 'c'};
        Path p = write("mixed.txt", bytes);

        var e = assertThrows(CorpusException.class, () -> TextCorpus.read(p.toString(), conf));

        assertTrue(e.getMessage().contains("byte 0xe9 at offset 3"), e.getMessage());
    }

    @Test
    void truncatedSequenceAtTheEndIsInvalid() throws IOException {
        byte[] bytes = {'a', 'b', (byte) 0xe2, (byte) 0x82};
        Path p = write("cut.txt", bytes);

        var e = assertThrows(CorpusException.class, () -> TextCorpus.read(p.toString(), conf));

        assertTrue(e.getMessage().contains("offset 2"), e.getMessage());
    }

    @Test
    void utf8ByteOrderMarkIsStripped() throws IOException {
        byte[] text = "abc".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xef;
        bytes[1] = (byte) 0xbb;
        bytes[2] = (byte) 0xbf;
        System.arraycopy(text, 0, bytes, 3, text.length);
        Path p = write("bom.txt", bytes);

        assertEquals("abc", TextCorpus.read(p.toString(), conf).text());
    }

    @Test
    void byteOrderMarkInTheMiddleIsKept() {
        assertEquals("a\ufeffb", TextCorpus.decode("a\ufeffb".getBytes(StandardCharsets.UTF_8), "x"));
    }

    @Test
    void emptyTextCannotBeACorpus() {
        assertThrows(CorpusException.class, () -> new TextCorpus("x", ""));
    }
}
