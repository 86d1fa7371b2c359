#!/usr/bin/env bash
# The averaging study: validation loss after the same characters for one worker and for two
# averaged workers under each learning-rate rule (bench/README.md, "averaging.sh").
# Usage: bench/averaging.sh [--anna] [--jobs N] [--out DIR] [VARIANT...]
#   --anna    the anna preset itself (2 x 512, seq 100, batch 100) instead of the study shape
#   --jobs N  runs at once (default 2; each run is one Spark local[*] job)
#   --out DIR run dirs and averaging.md go here (default runs/averaging-<time>); variants already
#             finished in DIR are kept, so an interrupted study continues where it stopped
#   VARIANT   any of the names below (default: all)
# Needs the built jar (mvn -B -DskipTests package). Losses do not depend on load, wall times do.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"

# name | train.workers | train.lr-scaling | train.warmup-steps | train.averaging-frequency
variants=(
  "one-worker|1|none|0|5"
  "none|2|none|0|5"
  "sqrt|2|sqrt|0|5"
  "linear|2|linear|0|5"
  "linear-warmup20|2|linear|20|5"
  "linear-avg1|2|linear|0|1"
  "linear-avg20|2|linear|0|20"
)
# The study shape: anna's (2 layers, Adam 0.001, keep 0.5, clip 5) at a quarter of the cost per
# step: LSTM 128, sequences of 50, batches of 50, the first 500,000 characters: 179 minibatches per
# epoch, as the anna preset's 176, so the same number of optimizer steps per worker.
shape=(--config conf/anna.conf --set model.hidden=128 --set data.seq-length=50 --set train.batch-size=50
       --set data.max-chars=500000 --set train.validation-max-chars=0)
chars_per_step=2500
jobs=2
out="runs/averaging-$(date -u +%Y%m%d-%H%M%S)"
chosen=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --anna) shape=(--config conf/anna.conf --set train.validation-max-chars=50000); chars_per_step=10000; shift ;;
    --jobs) jobs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    -*) echo "error: unknown option $1 (expected --anna, --jobs N, --out DIR)" >&2; exit 2 ;;
    *) chosen+=("$1"); shift ;;
  esac
done
known=" $(printf '%s\n' "${variants[@]}" | cut -d'|' -f1 | tr '\n' ' ')"
for name in "${chosen[@]}"; do
  if [[ "$known" != *" $name "* ]]; then
    echo "error: unknown variant '$name': expected one of$known" >&2
    exit 2
  fi
done
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "error: --jobs must be a positive integer, got '$jobs'" >&2; exit 2; }
mkdir -p "$out"

run_variant() {
  local name="$1" workers="$2" scaling="$3" warmup="$4" freq="$5"
  local start end
  start=$(date +%s)
  if scripts/scoped-rnn train char-lstm "${shape[@]}" --epochs 1 --run-dir "$out/$name" --overwrite \
      --set train.workers="$workers" --set train.lr-scaling="$scaling" --set train.warmup-steps="$warmup" \
      --set train.averaging-frequency="$freq" --set train.checkpoint-every-steps=0 \
      --set sample.chars=0 --set report.epoch-sample-chars=0 >"$out/$name.log" 2>&1; then
    end=$(date +%s)
    echo "$((end - start))" >"$out/$name.seconds"
  else
    echo "run $name failed: see $out/$name.log" >&2
  fi
}

for v in "${variants[@]}"; do
  IFS='|' read -r name workers scaling warmup freq <<<"$v"
  if [[ ${#chosen[@]} -gt 0 && " ${chosen[*]} " != *" $name "* ]]; then continue; fi
  if [[ -f "$out/$name.seconds" ]]; then echo "$name: done in an earlier run of the study, kept" >&2; continue; fi
  while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do wait -n || true; done
  echo "running $name (workers $workers, lr-scaling $scaling, warm-up $warmup, averaging every $freq)" >&2
  run_variant "$name" "$workers" "$scaling" "$warmup" "$freq" &
done
wait

{
  echo "| setting | workers | lr-scaling | warm-up | avg every | minibatches | steps per worker | characters | validation nats/char | wall |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for v in "${variants[@]}"; do
    IFS='|' read -r name workers scaling warmup freq <<<"$v"
    csv="$out/$name/metrics.csv"
    [[ -f "$csv" && -f "$out/$name.seconds" ]] || continue
    # the validation row of the epoch holds the loss; a step is one minibatch of batch x seq characters
    awk -F, -v name="$name" -v w="$workers" -v s="$scaling" -v wu="$warmup" -v f="$freq" \
        -v secs="$(cat "$out/$name.seconds")" -v cps="$chars_per_step" '
      NR > 1 && $5 != "" { step = $1; val = $5 }
      END {
        printf "| %s | %d | %s | %d | %d | %d | %d | %d | %.4f | %dm%02ds |\n", name, w, s, wu, f, step,
          int((step + w - 1) / w), step * cps, val, secs / 60, secs % 60
      }' "$csv"
  done
} >"$out/averaging.md"
cat "$out/averaging.md"
