package org.scopedrnn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files a corpus location names, sorted by path: {@code data.input} may be a file, a directory
 * (its files, not its subdirectories) or a glob; files a directory or glob yields whose names start
 * with {@code .} or {@code _} are skipped, as Hadoop's input formats skip {@code _SUCCESS} and hidden
 * files (a file named on its own is read whatever its name) or a glob ({@code DIR/*.txt},
 * {@code hdfs://nn/books/{a,b}*}) on any Hadoop FileSystem. Empty files are allowed among others.
 *
 * @param location what the user wrote
 * @param files every file with its length in bytes, sorted by fully qualified path
 */
public record CorpusFiles(String location, List<CorpusFile> files) {

    /** One file of a corpus. */
    public record CorpusFile(String path, long length) implements java.io.Serializable {
    }

    public CorpusFiles {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new CorpusException("corpus " + location + " holds no file: " + TextCorpus.TRAINING_INPUT
                    + " must name a text file, a directory of them or a glob matching them");
        }
    }

    /** Resolves {@code location} (see the class comment); a name or pattern matching nothing is an error naming it. */
    public static CorpusFiles resolve(String location, Configuration conf) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matched = fs.globStatus(path);
            boolean pattern = location.chars().anyMatch(c -> "*?[{\\".indexOf(c) >= 0);
            if (matched == null || matched.length == 0) {
                throw new CorpusException(pattern
                        ? "corpus pattern " + location + " matches no file: " + TextCorpus.TRAINING_INPUT
                                + " must name a text file, a directory or a glob that matches at least one file"
                        : "corpus " + location + " does not exist: " + TextCorpus.TRAINING_INPUT + " must name an "
                                + "existing text file, directory or glob (local path, file:, hdfs:// or s3a://)");
            }
            var sorted = new TreeMap<String, CorpusFile>();
            for (FileStatus status : matched) {
                if (status.isDirectory()) {
                    for (FileStatus child : fs.listStatus(status.getPath())) {
                        if (child.isFile() && !hidden(child.getPath())) {
                            add(sorted, child);
                        }
                    }
                } else if (!pattern || !hidden(status.getPath())) {
                    add(sorted, status);
                }
            }
            if (sorted.isEmpty()) {
                throw new CorpusException("corpus " + location + " holds no file (hidden and _ files are skipped): "
                        + TextCorpus.TRAINING_INPUT + " must name a text file, a directory of them or a glob matching them");
            }
            return new CorpusFiles(location, new ArrayList<>(sorted.values()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list corpus " + location + ": " + e.getMessage(), e);
        }
    }

    private static void add(TreeMap<String, CorpusFile> sorted, FileStatus status) {
        String p = status.getPath().toString();
        sorted.put(p, new CorpusFile(p, status.getLen()));
    }

    private static boolean hidden(Path p) {
        return p.getName().startsWith(".") || p.getName().startsWith("_");
    }

    /** Bytes in all files. */
    public long bytes() {
        return files.stream().mapToLong(CorpusFile::length).sum();
    }
}
