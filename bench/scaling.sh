#!/usr/bin/env bash
# scripts/bench --scaling: how training scales with the number of workers, measured and projected.
#   1. statistical efficiency: bench/averaging.sh --scaling (N = 1..16 workers x averaging periods,
#      the same characters each; loss against characters, independent of speed and load)
#   2. the cost of one averaging round against parameters and workers on the loopback cluster
#      (bench/round-cost.sh)
#   3. the projection: `scoped-rnn bench scaling` prints time to the target loss for N executors with
#      its assumptions (per-executor speed: the one-worker run's median chars/s on this machine;
#      --bandwidth for the driver's link) and draws DIR/scaling.png.
# Usage: bench/scaling.sh [--out DIR] [--jobs N] [--bandwidth MBPS] [--cost-workers "1 2 4"]
# Each step keeps what an earlier, interrupted run in the same DIR finished.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
out="runs/scaling-$(date -u +%Y%m%d-%H%M%S)"; jobs=1; bandwidth=1250; cost_workers="1 2 4"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --bandwidth) bandwidth="$2"; shift 2 ;;
    --cost-workers) cost_workers="$2"; shift 2 ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "error: unknown option $1 (expected --out DIR, --jobs N, --bandwidth MBPS, --cost-workers LIST)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
bench/averaging.sh --scaling --jobs "$jobs" --out "$out/study"
[[ -f "$out/round-cost/round-cost.csv" ]] || bench/round-cost.sh --workers "$cost_workers" --out "$out/round-cost"
# the study shape (bench/averaging.sh): anna's model at LSTM 128, sequences of 50
params=$(scripts/scoped-rnn describe --config conf/anna.conf --set model.hidden=128 2>/dev/null \
  | awk '/^total/ { gsub(",", "", $NF); print $NF }')
speed=$(awk -F, 'NR > 1 && $5 == "" && $6 != "" { print $6 }' "$out/study/n1/metrics.csv" | sort -g \
  | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }')
[[ -n "$speed" ]] || { echo "error: the one-worker run $out/study/n1 has no throughput rows" >&2; exit 1; }
scripts/scoped-rnn bench scaling --curves "$out/study/curves.csv" --round-cost "$out/round-cost/round-cost.csv" \
  --parameters "$params" --seq-length 50 --speed "$speed" --bandwidth "$bandwidth" --png "$out/scaling.png" \
  | tee "$out/scaling.md"
