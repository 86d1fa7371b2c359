package org.scopedrnn.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A UTF-8 text read whole from any Hadoop FileSystem path ({@code file:}, plain local paths,
 * {@code hdfs://}, {@code s3a://}). Decoding is strict: a malformed byte is an error naming its
 * offset, never a silent replacement character that would enter the vocabulary.
 */
public record TextCorpus(String location, String text) {

    /** Larger corpora should be split across files; a Java String holds at most ~2^31 chars. */
    public static final long MAX_BYTES = 1L << 30;

    /** Where training data comes from, for hints in messages: {@code train --input} sets data.input. */
    public static final String TRAINING_INPUT = "--input";

    public TextCorpus {
        if (text.isEmpty()) {
            throw new CorpusException("corpus " + location + " is empty; expected a UTF-8 text file");
        }
    }

    /** Training data, read with {@link Newlines#UNIVERSAL} line ends. */
    public static TextCorpus read(String location, Configuration conf) {
        return read(location, Newlines.UNIVERSAL, conf);
    }

    /** Training data ({@code --input}). */
    public static TextCorpus read(String location, Newlines newlines, Configuration conf) {
        return read(location, TRAINING_INPUT, newlines, conf);
    }

    /**
     * @param option how the user named this file (e.g. {@code --text}, {@code data.input}): the fix
     *     that an error message suggests names it
     */
    public static TextCorpus read(String location, String option, Newlines newlines, Configuration conf) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status = statusOrFail(fs, path, location, option);
            if (status.isDirectory()) {
                throw new CorpusException(
                        "corpus " + location + " is a directory: " + option + " must name a text file");
            }
            if (status.getLen() > MAX_BYTES) {
                throw new CorpusException("corpus " + location + " has " + status.getLen() + " bytes; at most "
                        + MAX_BYTES + " are supported");
            }
            try (InputStream in = fs.open(path)) {
                String text = newlines.apply(decode(in.readAllBytes(), location));
                if (text.isEmpty()) {
                    throw new CorpusException("corpus " + location + " is empty: " + option
                            + " must name a UTF-8 text file with at least one character");
                }
                return new TextCorpus(location, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + location + ": " + e.getMessage(), e);
        }
    }

    private static FileStatus statusOrFail(FileSystem fs, Path path, String location, String option)
            throws IOException {
        try {
            return fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new CorpusException("corpus " + location + " does not exist: " + option + " must name an existing "
                    + "text file (local path, file:, hdfs:// or s3a://)");
        }
    }

    /** Strict UTF-8; a leading byte-order mark is dropped. */
    static String decode(byte[] bytes, String location) {
        int start = hasBom(bytes) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new CorpusException(String.format(
                    "corpus %s is not valid UTF-8: byte 0x%02x at offset %d (convert it first, e.g. "
                            + "iconv -f latin1 -t utf-8)", location, bytes[in.position()] & 0xff, in.position()));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf;
    }

}
