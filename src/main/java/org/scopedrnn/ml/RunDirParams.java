package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * An estimator's run dir params: {@code runDir} (empty: a new directory per fit, so that parallel
 * fits, e.g. a {@code CrossValidator}'s, never share one), {@code overwrite} and {@code resume}, as
 * the command line's {@code --run-dir}, {@code --overwrite} and {@code --resume}.
 */
final class RunDirParams implements Serializable {

    final Param<String> runDir;
    final BooleanParam overwrite;
    final BooleanParam resume;

    RunDirParams(Params owner) {
        String uid = owner.toString();
        runDir = new Param<>(uid, "runDir", "run dir for checkpoints, metrics and report, any Hadoop path; empty: a new "
                + "directory per fit under spark.local.dir (else java.io.tmpdir), so that parallel fits never share one");
        overwrite = new BooleanParam(uid, "overwrite", "delete runDir's checkpoints and start afresh");
        resume = new BooleanParam(uid, "resume", "continue from runDir's latest checkpoint (needs runDir)");
        owner.setDefault(runDir, "");
        owner.setDefault(overwrite, false);
        owner.setDefault(resume, false);
    }

    List<Param<?>> all() {
        return List.of(runDir, overwrite, resume);
    }

    boolean resume(Params owner) {
        return (Boolean) owner.getOrDefault(resume);
    }

    boolean overwrite(Params owner) {
        return (Boolean) owner.getOrDefault(overwrite);
    }

    /** Refuses contradicting params before anything is read or written. */
    void check(Params owner) {
        if (resume(owner) && overwrite(owner)) {
            throw new IllegalArgumentException("params resume and overwrite are both true: resume continues the run, "
                    + "overwrite deletes its checkpoints; set one of them");
        }
        if (resume(owner) && owner.getOrDefault(runDir).isEmpty()) {
            throw new IllegalArgumentException("param resume = true needs param runDir: the run dir of the fit to "
                    + "continue (the default is a new directory per fit)");
        }
    }

    /** The run dir of this fit: the param's, or a directory no other fit uses (first spark.local.dir, else java.io.tmpdir). */
    String forFit(Params owner, JavaSparkContext sc) {
        String set = owner.getOrDefault(runDir);
        if (!set.isEmpty()) {
            return set;
        }
        String base = sc.getConf().get("spark.local.dir", System.getProperty("java.io.tmpdir")).split(",")[0].strip();
        return new Path(base, "scoped-rnn-ml/" + owner.uid() + "-" + UUID.randomUUID()).toString();
    }
}
