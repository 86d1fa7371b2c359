package org.scopedrnn.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.scopedrnn.checkpoint.CheckpointStore;
import org.scopedrnn.report.MetricsRow;
import org.scopedrnn.report.RunReport;

/**
 * A training run's directory and its layout, the one place that joins names to it:
 * {@code checkpoints/} (the {@link CheckpointStore}), the report ({@code metrics.csv},
 * {@code report.html} and its plots, {@code tensorboard/}: names the {@link RunReport} writer
 * keeps), {@code run.lock} ({@link RunDirLock}) and the probe's scratch files ({@link RunDirProbe},
 * hidden {@code .tmp-} names the store cleans up). Commands, trainers and benchmarks reach those
 * through this type, so a change of layout is made here.
 */
public final class RunDir {

    /** Subdirectory of the checkpoints, one {@code step-<n>/} each. */
    public static final String CHECKPOINTS = "checkpoints";
    /** The lock file of the run holding the directory. */
    public static final String LOCK = "run.lock";

    private final Path path;
    private final Configuration conf;

    /** @param path any Hadoop path (file://, hdfs://, s3a://); nothing is created until a run writes */
    public RunDir(Path path, Configuration conf) {
        if (path == null || conf == null) {
            throw new IllegalArgumentException("run dir path and Hadoop configuration must not be null");
        }
        this.path = path;
        this.conf = conf;
    }

    public Path path() {
        return path;
    }

    public Configuration conf() {
        return conf;
    }

    public Path checkpoints() {
        return new Path(path, CHECKPOINTS);
    }

    public Path lockFile() {
        return new Path(path, LOCK);
    }

    public Path metrics() {
        return new Path(path, RunReport.METRICS);
    }

    public Path reportHtml() {
        return new Path(path, RunReport.HTML);
    }

    public Path tensorboard() {
        return new Path(path, RunReport.TENSORBOARD);
    }

    /** The run's checkpoints, keeping the last {@code keepLast} and the best. */
    public CheckpointStore store(int keepLast) {
        return new CheckpointStore(checkpoints(), conf, keepLast);
    }

    /** Every row of the run's {@code metrics.csv}, as a resumed run would keep them. */
    public List<MetricsRow> metricsRows(RunReport.Unit unit) throws IOException {
        return new RunReport(path, conf, "", unit, Long.MAX_VALUE).rows();
    }

    /** Takes the directory for one run (see {@link RunDirLock}); creates it if needed. */
    RunDirLock lock(boolean breakLock, PrintStream log) throws IOException {
        return RunDirLock.acquire(path, conf, breakLock, log);
    }

    /** Checks the directory and its {@code checkpoints/} take what a run writes (see {@link RunDirProbe}). */
    void probe() throws IOException {
        RunDirProbe.check(path, checkpoints(), conf);
    }

    /** The run's report, keeping the rows of an earlier process up to {@code startStep}. */
    RunReport report(String title, RunReport.Unit unit, long startStep) throws IOException {
        return new RunReport(path, conf, title, unit, startStep);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
