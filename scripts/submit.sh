#!/usr/bin/env bash
# spark-submit for scoped-rnn: submits target/scoped-rnn-spark.jar with the flags Spark needs on
# Java 17 (driver and executors) and one BLAS thread per task.
#
#   scripts/submit.sh [spark-submit options] -- <scoped-rnn command and options>
#   scripts/submit.sh --master spark://HOST:7077 --executor-memory 4g -- train char-lstm --run-dir hdfs:///runs/a
#   scripts/submit.sh train char-lstm ...        (no spark-submit options: spark-submit's default master)
#
# Build first: mvn -B -DskipTests package (creates target/scoped-rnn-spark.jar).
# Environment:
#   SPARK_HOME               a Spark 3.5 / Scala 2.12 installation. Without bin/spark-submit (e.g. the
#                            jars-only SPARK_HOME scripts/local-cluster.sh creates) SparkSubmit runs
#                            directly from $SPARK_HOME/jars.
#   OMP_NUM_THREADS          BLAS threads per executor task (default 1: one per core is already a task)
#   OPENBLAS_CORETYPE        passed to executors if set (e.g. SKYLAKEX on AVX-512 nodes)
#   SCOPED_RNN_SPARK_SECRET  Spark RPC authentication secret (spark.authenticate), read from the
#                            environment by the driver; never put it on a command line.
#   SCOPED_RNN_HEAP          driver heap when SparkSubmit runs from jars/ (default 4g; with a real
#                            spark-submit use --driver-memory)
#   SCOPED_RNN_TARGET        the build to submit (default target; the CUDA build, mvn -Pcuda: target/cuda)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${SCOPED_RNN_TARGET:-$home/target}"
jar="$target/scoped-rnn-spark.jar"
die() { echo "submit: $*" >&2; exit 2; }

submit_args=()
app_args=("$@")
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == "--" ]]; then
    submit_args=("${@:1:i-1}")
    app_args=("${@:i+1}")
    break
  fi
done
[[ ${#app_args[@]} -gt 0 ]] || die "no scoped-rnn command: scripts/submit.sh [spark-submit options] -- train char-lstm ..."
[[ -f "$jar" ]] || die "$jar not found: build it with 'mvn -B -DskipTests package' in $home"
[[ -n "${SPARK_HOME:-}" && -d "$SPARK_HOME/jars" ]] || die "SPARK_HOME must name a Spark 3.5 installation (with jars/), got '${SPARK_HOME:-}'"

opens="$("$home/scripts/scoped-rnn" --java-opts)"
# The driver resolves bundled relative paths (data/anna.txt) against the installation directory.
driver_opts="$opens -Dscopedrnn.home=$home"
# The project's logging (warnings only, so the progress line stays readable) instead of Spark's INFO
# default: spark-submit configures logging before the application jar is on the classpath.
if [[ -f "$target/classes/log4j2.properties" ]]; then
  driver_opts+=" -Dlog4j2.configurationFile=$target/classes/log4j2.properties"
fi
confs=(--class org.scopedrnn.cli.Main
  --conf "spark.driver.extraJavaOptions=$driver_opts"
  --conf "spark.executor.extraJavaOptions=$opens"
  --conf "spark.executorEnv.OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}")
if [[ -n "${OPENBLAS_CORETYPE:-}" ]]; then
  confs+=(--conf "spark.executorEnv.OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE")
fi
# A loopback master means a loopback cluster: keep the driver's sockets there too.
if [[ " ${submit_args[*]} " =~ spark://(127\.0\.0\.1|localhost): ]]; then
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
fi
export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.12}"

if [[ -x "$SPARK_HOME/bin/spark-submit" ]]; then
  exec "$SPARK_HOME/bin/spark-submit" "${confs[@]}" "${submit_args[@]}" "$jar" "${app_args[@]}"
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$java" -version 2>&1 | grep -q 'version "17'; then
  for candidate in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk /usr/lib/jvm/temurin-17-jdk-amd64; do
    if [[ -x "$candidate/bin/java" ]]; then java="$candidate/bin/java"; break; fi
  done
fi
# What bin/spark-submit does in client mode, minus the launcher: the driver runs in this JVM, so it
# gets the driver flags here.
# shellcheck disable=SC2086
exec "$java" -Xmx"${SCOPED_RNN_HEAP:-4g}" $driver_opts -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" \
  org.apache.spark.deploy.SparkSubmit "${confs[@]}" "${submit_args[@]}" "$jar" "${app_args[@]}"
