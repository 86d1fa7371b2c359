package org.scopedrnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small corpora cut from the bundled anna.txt, written where a test wants them. */
public final class TestCorpora {

    public static final Path ANNA = Path.of("data/anna.txt");

    private TestCorpora() {
    }

    /** The first {@code chars} characters of anna.txt. */
    public static String annaPrefix(int chars) {
        try {
            String text = Files.readString(ANNA, StandardCharsets.UTF_8);
            return text.substring(0, chars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
