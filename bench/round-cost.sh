#!/usr/bin/env bash
# The cost of one parameter-averaging round (broadcast, task launch, fit of one tiny minibatch,
# serialisation and aggregation of every worker's weights and Adam moments) against the model's
# parameter count and the number of workers, on the loopback standalone cluster
# (scripts/local-cluster.sh): DL4J's own averaging path through `train char-lstm`, with minibatches
# of 1 x 2 characters so that the round is almost all overhead.
# Usage: bench/round-cost.sh [--workers "1 2 4"] [--hidden "128 256 512"] [--rounds R] [--out DIR]
# Writes DIR/round-cost.csv (parameters,workers,seconds: the median round after 3 warm-up rounds)
# for `scoped-rnn bench scaling`. Needs the built jar. Loopback has no network: the projection adds
# the bytes a round moves over a stated bandwidth.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
workers_list="1 2 4"; hidden_list="128 256 512"; rounds=20
out="runs/round-cost-$(date -u +%Y%m%d-%H%M%S)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) workers_list="$2"; shift 2 ;;
    --hidden) hidden_list="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "error: unknown option $1 (expected --workers LIST, --hidden LIST, --rounds R, --out DIR)" >&2; exit 2 ;;
  esac
done
for v in $workers_list $hidden_list; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "error: --workers and --hidden take positive integers, got '$v'" >&2; exit 2; }
done
[[ "$rounds" =~ ^[1-9][0-9]*$ && "$rounds" -ge 5 ]] || { echo "error: --rounds must be an integer >= 5, got '$rounds'" >&2; exit 2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export SCOPED_RNN_CLUSTER_DIR="$out/cluster" SPARK_WORKER_CORES=1
echo "parameters,workers,seconds" >"$out/round-cost.csv"
trap 'scripts/local-cluster.sh stop >/dev/null 2>&1 || true' EXIT
for n in $workers_list; do
  scripts/local-cluster.sh start "$n" >&2
  for h in $hidden_list; do
    params=$(scripts/scoped-rnn describe --set model.hidden="$h" 2>/dev/null | awk '/^total/ { gsub(",", "", $NF); print $NF }')
    # rounds + 3 warm-up rounds of n minibatches of 2 characters each, plus the 10% held out
    chars=$(( (rounds + 4) * n * 2 * 10 / 9 + 10 ))
    run="$out/h$h-n$n"
    echo "round cost: $params parameters (hidden $h), $n workers" >&2
    scripts/scoped-rnn train char-lstm --master spark://127.0.0.1:7077 --run-dir "$run" --overwrite --epochs 1 \
      --set model.hidden="$h" --set data.seq-length=2 --set train.batch-size=1 --set train.workers="$n" \
      --set train.averaging-frequency=1 --set data.max-chars="$chars" --set train.validation-max-chars=2 \
      --set train.checkpoint-every-steps=0 --set sample.chars=0 --set report.epoch-sample-chars=0 \
      >"$run.log" 2>&1 || { echo "run h$h-n$n failed: see $run.log" >&2; exit 1; }
    # consecutive round rows (no validation in either): their wall-clock difference is one round
    median=$(awk -F, 'NR > 1 && $5 == "" { if (prev != "" && ++k > 3) print $3 - prev; prev = $3 }' "$run/metrics.csv" \
      | sort -g | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }')
    [[ -n "$median" ]] || { echo "run h$h-n$n wrote too few rounds: see $run/metrics.csv" >&2; exit 1; }
    echo "$params,$n,$median" >>"$out/round-cost.csv"
  done
  scripts/local-cluster.sh stop >&2
done
cat "$out/round-cost.csv"
