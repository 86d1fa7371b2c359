package org.scopedrnn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopedrnn.SparkTestBase;
import org.scopedrnn.checkpoint.NativeCheckpoint;

/** The README's Spark ML example is ReadmeExample's code, and it runs: fit, save, load, transform. */
class ReadmeSparkMlTest extends SparkTestBase {

    @TempDir
    Path dir;

    private static final Pattern README_BLOCK = Pattern.compile("## Spark ML.*?```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmesJavaExampleIsReadmeExamplesCode() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher m = README_BLOCK.matcher(readme);
        assertTrue(m.find(), "README.md has no ```java block under '## Spark ML'");
        String source = Files.readString(Path.of("src/test/java/org/scopedrnn/ml/ReadmeExample.java"));
        String example = source.substring(source.indexOf("// README:begin\n") + "// README:begin\n".length(),
                source.indexOf("        // README:end"));
        assertEquals(unindent(example), m.group(1));
    }

    @Test
    void theReadmesJavaExampleRuns() throws Exception {
        SparkSession spark = SparkSession.builder().getOrCreate();
        Dataset<Row> scored = ReadmeExample.run(spark, dir.toString());
        // the example's run dir (its default: a new one per fit, named after the stage's uid); other JVMs' are left
        String uid = CharLstmTransformer.load(dir.resolve("lstm").toString()).uid();
        Path runs = Path.of(System.getProperty("java.io.tmpdir"), "scoped-rnn-ml");
        for (Path made : Files.list(runs).filter(p -> p.getFileName().toString().startsWith(uid + "-")).toList()) {
            MlCli.deleteRunDir(made.toString());
        }
        List<Row> rows = scored.select("nats_per_char").collectAsList();
        assertEquals(8, rows.size());
        for (Row r : rows) {
            double nats = r.getDouble(0);
            assertTrue(nats > 0 && nats < Math.log(30), "nats/char " + nats);
        }
        assertTrue(NativeCheckpoint.isCheckpoint(new org.apache.hadoop.fs.Path(dir.resolve("lstm/checkpoint").toUri()),
                new org.apache.hadoop.conf.Configuration()));
    }

    /** The example's lines without the method body's 8 spaces of indentation. */
    static String unindent(String code) {
        var sb = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            sb.append(line.startsWith("        ") ? line.substring(8) : line).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }
}
