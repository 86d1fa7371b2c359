package org.scopedrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.MiniHdfs;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.TestCorpora;
import org.scopedrnn.checkpoint.NativeCheckpoint;
import org.scopedrnn.report.RunReport;
import org.scopedrnn.report.TensorBoardChecks;

/**
 * Users' runs with input and run dir on {@code hdfs://} (a real NameNode + DataNode on loopback):
 * train, resume, retention, and every command that reads a checkpoint.
 */
class HdfsRunTest extends SparkTestBase {

    private static final Configuration CONF = new Configuration();
    private static final Pattern STEP = Pattern.compile("step-(\\d+)");

    static MiniHdfs hdfs;

    @TempDir
    static java.nio.file.Path local;

    @BeforeAll
    static void startHdfs() throws IOException {
        hdfs = MiniHdfs.shared();
    }

    private static String[] train(String corpus, String runDir, int epochs, String... extra) {
        return MainTest.concat(MainTest.concat(new String[] {"train", "char-lstm", "--input", corpus, "--run-dir",
            runDir, "--epochs", String.valueOf(epochs), "--set", "train.checkpoint-every-steps=4", "--set",
            "train.keep-last=1"}, MainTest.TINY), extra);
    }

    private static List<String> names(String dir) throws IOException {
        Path p = new Path(dir);
        FileSystem fs = p.getFileSystem(CONF);
        return Arrays.stream(fs.listStatus(p)).map(s -> s.getPath().getName()).sorted().toList();
    }

    private static long step(String name) {
        Matcher m = STEP.matcher(name);
        assertTrue(m.matches(), name);
        return Long.parseLong(m.group(1));
    }

    @Test
    void charLstmTrainsResumesAndIsReadBackEntirelyOnHdfs() throws IOException {
        String corpus = hdfs.write("/users/anna/corpus.txt", TestCorpora.annaPrefix(3000));
        String runDir = hdfs.uri("/users/anna/runs/char");
        String checkpoints = runDir + "/checkpoints";

        CliRun first = CliRun.of(train(corpus, runDir, 1));
        assertEquals(0, first.exitCode(), first.err());
        List<String> afterFirst = names(checkpoints);
        // keep-last=1 and the best is the latest: exactly one committed checkpoint, no leftovers
        assertEquals(1, afterFirst.size(), afterFirst.toString());
        long firstStep = step(afterFirst.get(0));
        assertTrue(first.err().contains("checkpoint " + checkpoints + "/step-4"), first.err());

        // A save killed mid-write (data file half there, no checkpoint.json) and a step directory
        // without its checkpoint.json must never be taken as the latest checkpoint.
        FileSystem fs = new Path(checkpoints).getFileSystem(CONF);
        for (String partial : List.of(".tmp-step-999-dead", "step-998")) {
            try (FSDataOutputStream out = fs.create(new Path(checkpoints + "/" + partial + "/variables.bin"))) {
                out.write(new byte[4096]);
            }
        }

        CliRun resumed = CliRun.of(train(corpus, runDir, 2, "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming from " + checkpoints + "/step-" + firstStep), resumed.err());
        List<String> committed = names(checkpoints).stream().filter(n -> STEP.matcher(n).matches())
                .filter(n -> !n.equals("step-998")).toList();
        assertFalse(names(checkpoints).contains(".tmp-step-999-dead"), names(checkpoints).toString());
        long last = committed.stream().mapToLong(HdfsRunTest::step).max().orElseThrow();
        assertEquals(2 * firstStep, last, committed.toString());
        // retention: the latest, plus the best by validation loss if that is an older one
        Path lastDir = new Path(checkpoints + "/step-" + last);
        Double lastLoss = NativeCheckpoint.readMetadata(lastDir, CONF).validationLoss();
        for (String name : committed) {
            if (step(name) != last) {
                Double loss = NativeCheckpoint.readMetadata(new Path(checkpoints + "/" + name), CONF).validationLoss();
                assertTrue(loss != null && loss < lastLoss, name + " kept with loss " + loss + " vs " + lastLoss);
            }
        }
        assertTrue(committed.size() <= 2, committed.toString());

        String ckpt = lastDir.toString();
        CliRun sample = CliRun.of("sample", "--checkpoint", ckpt, "--length", "30", "--seed", "3");
        assertEquals(0, sample.exitCode(), sample.err());
        assertTrue(sample.out().startsWith("The "), sample.out());

        CliRun inspect = CliRun.of("inspect", "--checkpoint", ckpt);
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().lines().anyMatch("global_step\t[]\tint64"::equals), inspect.out());

        String prefix = hdfs.uri("/users/anna/export/model.ckpt");
        CliRun export = CliRun.of("export", "--checkpoint", ckpt, "--format", "tf", "--out", prefix);
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(names(hdfs.uri("/users/anna/export")).containsAll(
                List.of("model.ckpt.index", "model.ckpt.data-00000-of-00001", "model.ckpt.vocab.json")));
        CliRun inspectTf = CliRun.of("inspect", "--checkpoint", prefix);
        assertEquals(0, inspectTf.exitCode(), inspectTf.err());
        assertEquals(inspect.out(), inspectTf.out());
        CliRun sampleTf = CliRun.of("sample", "--checkpoint", prefix, "--length", "30", "--seed", "3");
        assertEquals(sample.out(), sampleTf.out());

        CliRun partial = CliRun.of("sample", "--checkpoint", checkpoints + "/step-998");
        assertEquals(2, partial.exitCode());
        assertTrue(partial.err().contains("step-998 is not a checkpoint: no checkpoint.json"), partial.err());

        List<String> events = names(runDir + "/" + RunReport.TENSORBOARD);
        assertEquals(2, events.size(), "an event file per run start: " + events);
        // TensorBoard reads local directories: a copy of what the two runs wrote on HDFS
        fs.copyToLocalFile(false, new Path(runDir + "/" + RunReport.METRICS),
                new Path(local.resolve(RunReport.METRICS).toString()), true);
        fs.copyToLocalFile(false, new Path(runDir + "/" + RunReport.TENSORBOARD),
                new Path(local.resolve(RunReport.TENSORBOARD).toString()), true);
        TensorBoardChecks.assertMatchesMetrics(local, RunReport.Unit.CHARS);
    }

    @Test
    void seq2seqTrainsFromHdfsPairsResumesAndTranslatesFromAnHdfsCheckpoint() throws IOException {
        StringBuilder pairs = new StringBuilder();
        String[] src = {"Go.", "Run!", "Hi.", "Stop!", "Wait!", "Help!", "I see.", "Thanks."};
        String[] dst = {"Va !", "Cours !", "Salut.", "Arrete !", "Attends !", "A l'aide !", "Je vois.", "Merci."};
        for (int i = 0; i < 40; i++) {
            pairs.append(src[i % src.length]).append('\t').append(dst[i % dst.length]).append('\n');
        }
        String input = hdfs.write("/users/fra/pairs.txt", pairs.toString());
        String runDir = hdfs.uri("/users/fra/runs/s2s");
        String[] tiny = {"--set", "model.hidden=16", "--set", "model.embedding-size=8", "--set",
            "train.batch-size=8", "--set", "train.averaging-frequency=1", "--set", "translate.examples=1",
            "--set", "train.keep-last=1"};
        CliRun train = CliRun.of(MainTest.concat(new String[] {"train", "seq2seq", "--input", input, "--run-dir",
            runDir, "--epochs", "1"}, tiny));
        assertEquals(0, train.exitCode(), train.err());
        List<String> first = names(runDir + "/checkpoints");
        assertEquals(1, first.size(), first.toString());

        CliRun resumed = CliRun.of(MainTest.concat(new String[] {"train", "seq2seq", "--input", input, "--run-dir",
            runDir, "--epochs", "2", "--resume"}, tiny));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming from " + runDir + "/checkpoints/" + first.get(0)), resumed.err());
        List<String> committed = names(runDir + "/checkpoints").stream().filter(n -> !n.equals(first.get(0))).toList();
        assertEquals(1, committed.size(), names(runDir + "/checkpoints").toString());
        assertEquals(2 * step(first.get(0)), step(committed.get(0)));

        String text = hdfs.write("/users/fra/in.txt", "Go.\nHi.\n");
        CliRun translate = CliRun.of("translate", "--checkpoint", runDir + "/checkpoints/" + committed.get(0),
            "--input", text);
        assertEquals(0, translate.exitCode(), translate.err());
        assertEquals(2, translate.out().lines().count(), translate.out());
    }
}
