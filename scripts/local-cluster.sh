#!/usr/bin/env bash
# A Spark standalone cluster on loopback, from the project's own jars: one Master and N Workers as
# separate JVMs bound to 127.0.0.1. No Spark download: a SPARK_HOME whose jars/ links target/lib
# (Workers launch executors from $SPARK_HOME/jars), with SPARK_SCALA_VERSION=2.12.
#
#   scripts/local-cluster.sh start [N]   start a Master and N Workers (default 2); waits until all registered
#   scripts/local-cluster.sh status      one line per daemon and executor; exit 0 all up, 1 partly, 3 not running
#   scripts/local-cluster.sh stop        stop exactly the processes this cluster started (and their executors)
#
# Build first: mvn -B -DskipTests package. Then train on it:
#   scripts/scoped-rnn train char-lstm --master spark://127.0.0.1:7077
#
# Environment (Spark's own names where Spark has one):
#   SCOPED_RNN_CLUSTER_DIR   work dir: PIDs, logs, SPARK_HOME, worker dirs (default runs/local-cluster)
#   SPARK_MASTER_PORT        master RPC port (default 7077)
#   SPARK_MASTER_WEBUI_PORT  master UI port (default 8080)
#   SPARK_WORKER_WEBUI_PORT  UI port of worker 1; worker i uses it + i - 1 (default 8081)
#   SPARK_WORKER_CORES       cores each worker offers (default 1: one training task per worker)
#   SPARK_WORKER_MEMORY      memory each worker offers to executors (default 2g)
#   SPARK_DAEMON_MEMORY      heap of the Master and Worker JVMs themselves (default 512m)
#   SCOPED_RNN_SPARK_SECRET  if set: Spark RPC authentication (spark.authenticate) with this shared
#                            secret; drivers need the same variable. Passed by environment, never
#                            on a command line.
#   JAVA_HOME                Java 17 (found under /usr/lib/jvm if unset)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# absolute: executors are recognised by their working directory, which the kernel reports absolute
dir="$(realpath -m "${SCOPED_RNN_CLUSTER_DIR:-$home/runs/local-cluster}")"
master_port="${SPARK_MASTER_PORT:-7077}"
master_ui="${SPARK_MASTER_WEBUI_PORT:-8080}"
worker_ui="${SPARK_WORKER_WEBUI_PORT:-8081}"

die() { echo "local-cluster: $*" >&2; exit 2; }

java_home() {
  if [[ -n "${JAVA_HOME:-}" ]] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "17'; then
    echo "$JAVA_HOME"; return
  fi
  for candidate in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk /usr/lib/jvm/temurin-17-jdk-amd64; do
    if [[ -x "$candidate/bin/java" ]]; then echo "$candidate"; return; fi
  done
  die "no Java 17 found: set JAVA_HOME to a Java 17 installation"
}

# A PID is ours only if the process still runs with our marker on its command line (PIDs are reused).
ours() {
  local pid="$1"
  [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "-Dscopedrnn.cluster=$dir "
}

# Executors run with their working directory inside a worker's work dir (Spark's ExecutorRunner).
executors() {
  local p cwd
  for p in /proc/[0-9]*; do
    cwd="$(readlink "$p/cwd" 2>/dev/null)" || continue
    [[ "$cwd" == "$dir"/worker-*/* ]] && grep -qa CoarseGrainedExecutorBackend "$p/cmdline" 2>/dev/null \
      && echo "${p#/proc/}"
  done
  return 0
}

pidfiles() { ls "$dir"/run/*.pid 2>/dev/null || true; }

start() {
  local n="${1:-2}"
  [[ "$n" =~ ^[1-9][0-9]?$ ]] || die "start: N must be a number of workers from 1 to 99, got '$n'"
  for f in $(pidfiles); do
    if ours "$(cat "$f")"; then die "a cluster is already running from $dir (scripts/local-cluster.sh stop first)"; fi
  done
  [[ -d "$home/target/lib" ]] || die "$home/target/lib not found: build first with 'mvn -B -DskipTests package'"
  local jhome; jhome="$(java_home)"

  rm -rf "$dir/run" "$dir/spark-home"
  mkdir -p "$dir/run" "$dir/logs" "$dir/spark-home/jars"
  # SPARK_HOME/jars: what a Spark distribution would hold; here the launcher's runtime classpath.
  ln -s "$home"/target/lib/*.jar "$dir/spark-home/jars/"

  export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.12 JAVA_HOME="$jhome"
  export SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
  local opts; read -r -a opts <<<"$("$home/scripts/scoped-rnn" --java-opts)"
  local common=("$jhome/bin/java" -Xmx"${SPARK_DAEMON_MEMORY:-512m}" "${opts[@]}" "-Dscopedrnn.cluster=$dir"
    -cp "$SPARK_HOME/jars/*")
  if [[ -n "${SCOPED_RNN_SPARK_SECRET:-}" ]]; then
    # Spark reads the secret from this variable; Workers hand it to their executors the same way.
    export _SPARK_AUTH_SECRET="$SCOPED_RNN_SPARK_SECRET"
    common+=(-Dspark.authenticate=true)
  fi

  nohup "${common[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
    --webui-port "$master_ui" >"$dir/logs/master.log" 2>&1 </dev/null &
  echo $! >"$dir/run/master.pid"
  wait_for "$dir/logs/master.log" "I have been elected leader" "$(cat "$dir/run/master.pid")" master

  local i
  for ((i = 1; i <= n; i++)); do
    mkdir -p "$dir/worker-$i"
    nohup "${common[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
      --cores "${SPARK_WORKER_CORES:-1}" --memory "${SPARK_WORKER_MEMORY:-2g}" \
      --webui-port "$((worker_ui + i - 1))" --work-dir "$dir/worker-$i" "spark://127.0.0.1:$master_port" \
      >"$dir/logs/worker-$i.log" 2>&1 </dev/null &
    echo $! >"$dir/run/worker-$i.pid"
  done
  for ((i = 1; i <= n; i++)); do
    wait_for "$dir/logs/worker-$i.log" "Successfully registered with master" "$(cat "$dir/run/worker-$i.pid")" "worker $i"
  done
  echo "spark://127.0.0.1:$master_port http://127.0.0.1:$master_ui" >"$dir/run/master-url"
  echo "master spark://127.0.0.1:$master_port (UI http://127.0.0.1:$master_ui), $n workers, logs in $dir/logs"
}

wait_for() {
  local log="$1" line="$2" pid="$3" what="$4" t
  for ((t = 0; t < 600; t++)); do
    grep -q "$line" "$log" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -20 "$log" >&2
      stop >/dev/null
      echo "local-cluster: $what exited during start-up (log above: $log)" >&2
      exit 1
    fi
    sleep 0.1
  done
  tail -20 "$log" >&2
  stop >/dev/null
  echo "local-cluster: $what did not come up within 60 s (log: $log)" >&2
  exit 1
}

stop() {
  local f pid pids=() ex
  # Workers first (each kills its executors on the way out), then the Master.
  for f in $(ls "$dir"/run/worker-*.pid 2>/dev/null) "$dir/run/master.pid"; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    if ours "$pid"; then kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); fi
  done
  ex="$(executors)"
  for ((t = 0; t < 150; t++)); do
    local alive=0
    for pid in "${pids[@]}"; do ours "$pid" && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.1
  done
  # Whatever did not exit in 15 s, and executors orphaned by a worker that was killed earlier.
  for pid in "${pids[@]}"; do ours "$pid" && kill -KILL "$pid" 2>/dev/null || true; done
  for pid in $ex $(executors); do kill -KILL "$pid" 2>/dev/null || true; done
  rm -f "$dir"/run/*.pid "$dir/run/master-url"
  echo "stopped ${#pids[@]} daemon(s) from $dir"
}

status() {
  local f pid up=0 down=0 name
  for f in "$dir/run/master.pid" $(ls "$dir"/run/worker-*.pid 2>/dev/null); do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"; name="$(basename "$f" .pid)"
    if ours "$pid"; then echo "$name pid $pid running"; up=$((up + 1))
    else echo "$name pid $pid not running"; down=$((down + 1)); fi
  done
  for pid in $(executors); do echo "executor pid $pid running (cwd $(readlink "/proc/$pid/cwd"))"; done
  if [[ $up == 0 ]]; then echo "no cluster running from $dir"; exit 3; fi
  [[ -f "$dir/run/master-url" ]] && read -r url ui <"$dir/run/master-url" && echo "master $url (UI $ui)"
  [[ $down == 0 ]] || exit 1
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: scripts/local-cluster.sh start [N] | stop | status" ;;
esac
