#!/usr/bin/env bash
# Driver and executor peak RSS of `train char-lstm` against corpus size, on the loopback standalone
# cluster (driver and executors are separate JVMs). README: "Memory: driver and executors vs corpus size".
# Usage: bench/memory.sh [--sizes "10M 200M 2G"] [--dir DIR] [--rounds N] [--driver-heap 1g]
#                        [--executor-memory 1g] [--workers 2] [--keep]
#   --sizes   corpora to generate (bench/make_corpus.py: anna.txt paragraphs and fra-eng.txt's English
#             sentences, seeded shuffle) and train on; default "10M 200M 2G"
#   --dir     corpora, run dirs, logs, the cluster's dir and memory.md (default target/memory)
#   --rounds  averaging rounds trained per corpus after the scan and load (default 3); the run is
#             stopped (SIGTERM) once the checkpoint after the last of them is committed
#   --driver-heap      the driver's -Xmx (SCOPED_RNN_HEAP; default 1g)
#   --executor-memory  spark.executor.memory (default 1g; cached ids beyond it spill to disk)
#   --workers          Workers (one executor, one core each; default 2)
#   --keep    keep the generated corpora (default: each is deleted after its run)
# Peak RSS is VmHWM from /proc/PID/status, polled every 0.5 s while the process lives. Needs the
# built jar (mvn -B -DskipTests package) and python3. Prints a markdown table; also DIR/memory.md.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
sizes="10M 200M 2G"
dir="target/memory"
rounds=3
driver_heap=1g
executor_memory=1g
workers=2
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --driver-heap) driver_heap="$2"; shift 2 ;;
    --executor-memory) executor_memory="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n 2,17p "$0"; exit 0 ;;
    *) echo "memory.sh: unknown option '$1' (expected --sizes, --dir, --rounds, --driver-heap, --executor-memory, --workers, --keep)" >&2; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "memory.sh: --rounds must be a positive number, got '$rounds'" >&2; exit 2; }
[[ -f target/scoped-rnn.jar && -d target/lib ]] || { echo "memory.sh: build first: mvn -B -DskipTests package" >&2; exit 2; }
mkdir -p "$dir"
dir="$(realpath "$dir")"

bytes() { python3 -c "import sys; sys.path.insert(0, 'bench'); import make_corpus; print(make_corpus.parse_size('$1'))"; }

# Disk: the corpus, plus the executors' cached ids spilled to disk (one byte per character), twice over.
largest=0
for s in $sizes; do b="$(bytes "$s")"; (( b > largest )) && largest=$b; done
free_bytes=$(( $(df -Pk "$dir" | awk 'NR==2 {print $4}') * 1024 ))
if (( free_bytes < 3 * largest + (2 << 30) )); then
  echo "memory.sh: $dir has $((free_bytes >> 20)) MiB free; the largest corpus needs ~$(((3 * largest + (2 << 30)) >> 20)) MiB" >&2
  exit 2
fi

free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
export SCOPED_RNN_CLUSTER_DIR="$dir/cluster" SPARK_MASTER_PORT="$(free_port)"
export SPARK_MASTER_WEBUI_PORT="$(free_port)" SPARK_WORKER_WEBUI_PORT="$(free_port)"
export SPARK_WORKER_MEMORY="${SPARK_WORKER_MEMORY:-3g}" SPARK_LOCAL_IP=127.0.0.1
scripts/local-cluster.sh start "$workers" >"$dir/cluster-start.log"
trap 'scripts/local-cluster.sh stop >/dev/null 2>&1 || true' EXIT
master="spark://127.0.0.1:$SPARK_MASTER_PORT"

hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }
# the cluster's executors, as its own script finds them (by their working directory)
executors() { scripts/local-cluster.sh status 2>/dev/null | awk '/^executor pid/ {print $3}' || true; }

batches_per_round=$(( workers * 5 ))  # train.workers x train.averaging-frequency (set below)
steps=$(( rounds * batches_per_round ))
table="$dir/memory.md"
{
  echo "| corpus | files | chars (train / validation) | driver peak RSS | executor peak RSS (each) | scan s | to step $steps s |"
  echo "|---|---|---|---|---|---|---|"
} >"$table"
failed=()
for size in $sizes; do
  corpus="$dir/corpus-$size"
  b="$(bytes "$size")"
  files=$(( b / (256 << 20) )); (( files < 4 )) && files=4
  rm -rf "$corpus" "$dir/run-$size"
  python3 bench/make_corpus.py --size "$size" --files "$files" --out "$corpus" >/dev/null
  log="$dir/train-$size.log"
  start=$(date +%s.%N)
  SCOPED_RNN_HEAP="$driver_heap" scripts/scoped-rnn train char-lstm --master "$master" --input "$corpus/*.txt" \
    --run-dir "$dir/run-$size" --epochs 1 --set train.workers="$workers" --set train.averaging-frequency=5 \
    --set train.checkpoint-every-steps="$steps" --set sample.chars=0 --set report.epoch-sample-chars=0 \
    --set "spark.conf.\"spark.executor.memory\"=$executor_memory" >"$log" 2>&1 &
  driver=$!
  declare -A peak=()
  driver_peak=0 scan_s="" total_s="" outcome="driver exited before step $steps (see the log)"
  while kill -0 "$driver" 2>/dev/null; do
    h="$(hwm_kb "$driver")"; [[ -n "$h" ]] && (( h > driver_peak )) && driver_peak=$h
    for e in $(executors); do
      h="$(hwm_kb "$e")"; [[ -n "$h" ]] && (( h > ${peak[$e]:-0} )) && peak[$e]=$h
    done
    now=$(date +%s.%N)
    [[ -z "$scan_s" ]] && grep -q '^corpus: ' "$log" && scan_s=$(python3 -c "print(f'{$now - $start:.0f}')")
    if [[ -d "$dir/run-$size/checkpoints/step-$steps" ]]; then
      total_s=$(python3 -c "print(f'{$now - $start:.0f}')")
      outcome="stopped after step $steps"
      kill -TERM "$driver" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  wait "$driver" 2>/dev/null || true
  chars="$(sed -n 's/^corpus: .*partition(s); \(.*\) training \/ \(.*\) validation chars$/\1 \/ \2/p' "$log" | head -1)"
  ex=""
  for e in "${!peak[@]}"; do ex+="${ex:+, }$((peak[$e] >> 10)) MB"; done
  row="| $size | $files | ${chars:-?} | $((driver_peak >> 10)) MB | ${ex:-none seen} | ${scan_s:-?} | ${total_s:-$outcome} |"
  echo "$row" >>"$table"
  echo "$row ($outcome; log $log)" >&2
  [[ -n "$total_s" ]] || failed+=("$size")
  unset peak
  [[ $keep == 1 ]] || rm -rf "$corpus"
  # the killed driver's executors must be gone before the next corpus's driver starts
  for ((t = 0; t < 120; t++)); do [[ -z "$(executors)" ]] && break; sleep 0.5; done
done
{
  echo
  echo "Driver -Xmx$driver_heap, spark.executor.memory=$executor_memory, $workers Workers x 1 core, train.workers=$workers,"
  echo "averaging every 5 minibatches, $rounds rounds (steps 1-$steps) after the scan and load, char-lstm defaults"
  echo "(2 x LSTM 128, seq 50, batch 32); $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM; $(date -u +%Y-%m-%d)."
} >>"$table"
cat "$table"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "memory.sh: no measurement for ${failed[*]}: the driver exited before step $steps (logs in $dir)" >&2
  exit 1
fi
