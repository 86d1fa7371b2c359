package org.scopedrnn.data;

import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;

/** Pairs files and today's driver-side reading of them, shared by the executor-pairs tests. */
final class PairFixtures {

    private PairFixtures() {
    }

    /**
     * {@code n} seeded pair lines mixing ASCII, 2-, 3- and 4-byte characters, ended by {@code \r\n},
     * {@code \n} or a lone {@code \r}, with a blank line now and then.
     */
    static String pairs(long seed, int n) {
        String[] words = {"go", "\u00e9t\u00e9", "\u20ac5", "\uD83D\uDE00", "chat", "na\u00efve", "ok"};
        String[] ends = {"\r\n", "\n", "\r"};
        var rnd = new Random(seed);
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int w = 1 + rnd.nextInt(3);
            for (int k = 0; k < w; k++) {
                sb.append(words[rnd.nextInt(words.length)]).append(k + 1 < w ? " " : "");
            }
            sb.append('\t').append(words[rnd.nextInt(words.length)].toUpperCase()).append(' ').append(i);
            sb.append(ends[rnd.nextInt(ends.length)]);
            if (rnd.nextInt(10) == 0) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Today's path for one file: PairCorpus, Seq2SeqVocabulary.of, the seeded shuffled split. */
    static PairSplit<Seq2SeqVocabulary.EncodedPair> todaysSplit(String file, PairOptions options, double fraction,
            long seed) {
        List<Pair> pairs = PairCorpus.read(file, options, new Configuration()).pairs();
        Seq2SeqVocabulary vocab = Seq2SeqVocabulary.of(pairs);
        return PairSplit.of(vocab.encodeAll(pairs), fraction, PairSplit.Mode.SHUFFLED, seed);
    }

    static PairCorpusOptions options(String input, PairOptions pairs, double fraction, long splitBytes) {
        return new PairCorpusOptions(input, pairs, fraction, splitBytes);
    }
}
