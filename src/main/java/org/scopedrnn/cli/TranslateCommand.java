package org.scopedrnn.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.data.Newlines;
import org.scopedrnn.data.TextCorpus;
import org.scopedrnn.sample.LoadedSeq2Seq;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate lines (stdin by default) with a seq2seq checkpoint; one output line per input line.")
final class TranslateCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, paramLabel = "PATH", description = "seq2seq checkpoint directory")
    String checkpoint;

    @Option(names = "--beam", defaultValue = "1", description = "beam width; 1 = greedy (default ${DEFAULT-VALUE})")
    int beam;

    @Option(names = "--max-length", defaultValue = "200", description = "longest output in characters (default ${DEFAULT-VALUE})")
    int maxLength;

    @Option(names = "--input", paramLabel = "FILE", description = "one source sentence per line (default: stdin)")
    String input;

    @Override
    public Integer call() throws Exception {
        LoadedSeq2Seq loaded = LoadedSeq2Seq.load(new Path(checkpoint), new Configuration());
        List<String> lines = input != null
                ? TextCorpus.read(input, Newlines.UNIVERSAL, new Configuration()).text().lines().toList()
                : stdin();
        var sources = new ArrayList<int[]>(lines.size());
        for (String line : lines) {
            sources.add(loaded.vocabulary().encodeSource(line)); // an unknown character fails, naming it
        }
        for (int[] ids : loaded.translate(sources, beam, maxLength)) {
            System.out.println(loaded.vocabulary().decodeTarget(ids));
        }
        return 0;
    }

    private static List<String> stdin() throws java.io.IOException {
        var reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return reader.lines().toList();
    }
}
