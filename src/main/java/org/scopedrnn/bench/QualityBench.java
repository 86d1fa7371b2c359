package org.scopedrnn.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.dataset.DataSet;
import org.scopedrnn.config.Settings;
import org.scopedrnn.config.TrainSettings;
import org.scopedrnn.data.CharDataSets;
import org.scopedrnn.data.SequencePlan;
import org.scopedrnn.interop.LoadedCharLstm;
import org.scopedrnn.model.CharLstmModel;
import org.scopedrnn.model.CharLstmSpec;
import org.scopedrnn.model.InputKind;
import org.scopedrnn.report.MetricsRow;
import org.scopedrnn.report.RunReport;
import org.scopedrnn.train.CharLstmJob;
import org.scopedrnn.train.CharLstmTrainer;
import org.scopedrnn.train.RunDir;

/**
 * Time to quality: validation loss against training wall time, measured with the trainer's own
 * validation ({@link CharLstmTrainer#validationLoss}) on the same held-out tail and cap as the
 * PyTorch peer's {@code --mode quality}.
 */
public final class QualityBench {

    /** One validation: after {@code seconds} of training and {@code step} minibatches. */
    public record Point(double seconds, long step, double validationLoss) {

        public static final String HEADER = "seconds,step,validation_loss";

        public String csv() {
            return String.format(java.util.Locale.ROOT, "%.3f,%d,%.6f", seconds, step, validationLoss);
        }

        public static Point parse(String line) {
            String[] f = line.split(",");
            if (f.length != 3) {
                throw new IllegalArgumentException("a quality row is 'seconds,step,validation_loss', got '" + line
                        + "'");
            }
            return new Point(Double.parseDouble(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]));
        }
    }

    private QualityBench() {
    }

    /**
     * The model as {@code train} builds it, fitted one minibatch at a time in the trainer's order
     * (epoch after epoch) until {@code budgetSeconds} of training (building minibatches and fitting
     * them) have passed; validated before the first step, every {@code everySeconds} of training and
     * at the end. The clock stops while validating, as the peer's does.
     *
     * @param job a one-worker job (its optimizer is the single-process one)
     * @param validation the held-out ids
     */
    public static List<Point> single(CharLstmJob job, CharLstmSpec spec, int[] train, int[] validation,
            double budgetSeconds, double everySeconds, long validationChars, Consumer<Point> onPoint) {
        TrainSettings ts = job.train();
        int seq = job.data().seqLength();
        CharLstmModel model = CharLstmModel.create(spec, job.optimizer(), job.model().lstmImpl());
        var plan = new SequencePlan(train.length, seq, ts.batchSize());
        var points = new ArrayList<Point>();
        Consumer<Point> add = p -> {
            points.add(p);
            onPoint.accept(p);
        };
        add.accept(new Point(0, 0, CharLstmTrainer.validationLoss(model, validation, seq, validationChars)));
        double trained = 0;
        double nextValidation = everySeconds;
        long step = 0;
        boolean oneHot = spec.input() == InputKind.ONE_HOT;
        for (int epoch = 0; trained < budgetSeconds; epoch++) {
            for (int[] starts : plan.batches(ts.seed(), epoch)) {
                long t0 = System.nanoTime();
                DataSet batch = CharDataSets.toDataSet(train, starts, seq, spec.vocabSize(), oneHot);
                model.graph().fit(batch);
                trained += (System.nanoTime() - t0) / 1e9;
                step++;
                if (trained >= nextValidation || trained >= budgetSeconds) {
                    add.accept(new Point(trained, step,
                            CharLstmTrainer.validationLoss(model, validation, seq, validationChars)));
                    while (nextValidation <= trained) {
                        nextValidation += everySeconds;
                    }
                }
                if (trained >= budgetSeconds) {
                    break;
                }
            }
        }
        return points;
    }

    /**
     * A finished {@code train char-lstm} run's checkpoints, each validated after the fact and
     * placed at the wall time its step ended at in the run's {@code metrics.csv}.
     */
    public static List<Point> checkpoints(Path runDir, Configuration conf, int[] validation, List<String> vocabulary,
            int seq, long validationChars, Consumer<Point> onPoint) throws IOException {
        Map<Long, Double> wall = new HashMap<>();
        RunDir run = new RunDir(runDir, conf);
        for (MetricsRow r : run.metricsRows(RunReport.Unit.CHARS)) {
            if (Double.isFinite(r.throughput())) {
                wall.put(r.step(), r.wallSeconds());
            }
        }
        var points = new ArrayList<Point>();
        for (Path path : run.store(1).list()) {
            LoadedCharLstm loaded = LoadedCharLstm.load(path, conf);
            if (!loaded.vocabulary().symbols().equals(vocabulary)) {
                throw new IllegalArgumentException("checkpoint " + path + " has another vocabulary than the corpus: "
                        + "was the run trained on this config's " + Settings.INPUT_PATH + "?");
            }
            long step = loaded.metadata().orElseThrow().step();
            Double seconds = wall.get(step);
            if (seconds == null) {
                throw new IllegalArgumentException("checkpoint " + path + " is at step " + step
                        + ", which the run's metrics.csv has no training row for");
            }
            var p = new Point(seconds, step, CharLstmTrainer.validationLoss(loaded.model(), validation, seq,
                    validationChars));
            points.add(p);
            onPoint.accept(p);
        }
        points.sort(java.util.Comparator.comparingDouble(Point::seconds));
        return points;
    }
}
