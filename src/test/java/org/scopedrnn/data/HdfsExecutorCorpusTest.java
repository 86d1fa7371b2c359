package org.scopedrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.scopedrnn.data.CorpusFixtures.options;
import static org.scopedrnn.data.CorpusFixtures.text;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.scopedrnn.MiniHdfs;
import org.scopedrnn.SparkTestBase;

/** The executor corpus read from a real HDFS (NameNode + DataNode on loopback) through a glob. */
class HdfsExecutorCorpusTest extends SparkTestBase {

    @Test
    void aGlobOnHdfsReadsEveryFileSplitAtCharacterBoundaries() throws Exception {
        MiniHdfs hdfs = MiniHdfs.shared();
        String[] texts = {text(21, 700), "", text(22, 500)};
        for (int i = 0; i < texts.length; i++) {
            hdfs.write("/executor-corpus/part-" + i + ".txt", texts[i]);
        }
        hdfs.write("/executor-corpus/_SUCCESS", "");

        try (ExecutorCorpus corpus = ExecutorCorpus.load(sc(), CorpusScan.run(sc(),
                options(hdfs.uri("/executor-corpus/part-*.txt"), 0.1, 9, 97)), Vocabulary.of(
                        Newlines.UNIVERSAL.apply(texts[0] + texts[2])))) {
            assertEquals(3, corpus.scan().files().files().size());
            var train = new ArrayList<Integer>();
            var validation = new ArrayList<Integer>();
            for (String t : texts) {
                int[] ids = corpus.vocabulary().encode(Newlines.UNIVERSAL.apply(t), false);
                int cut = (int) Math.round(ids.length * 0.9);
                for (int i = 0; i < ids.length; i++) {
                    (i < cut ? train : validation).add(ids[i]);
                }
            }
            int[][] got = corpus.collectSplit();
            assertArrayEquals(train.stream().mapToInt(i -> i).toArray(), got[0]);
            assertArrayEquals(validation.stream().mapToInt(i -> i).toArray(), got[1]);
            EpochPlan plan = corpus.plan(5);
            assertEquals(2, CorpusFixtures.windows(corpus.round(plan, 3, 0, 0, 2, 2, false)).size());
        }
    }
}
