#!/usr/bin/env bash
# The averaging studies: validation loss after the same characters for one worker and for N
# averaged workers (bench/README.md, "averaging.sh").
# Usage: bench/averaging.sh [--scaling] [--anna] [--epochs E] [--jobs N] [--out DIR] [VARIANT...]
#   --scaling the scaling study: N = 1, 2, 4, 8, 16 workers, averaging every 1, 5, 20 minibatches
#             or auto, and N workers sharing one global batch (default: the two-worker learning-rate study)
#   --anna    the anna preset itself (2 x 512, seq 100, batch 100) instead of the study shape
#   --epochs E epochs per variant (default 1; the scaling study 2)
#   --jobs N  runs at once (default 2; each run is one Spark local[*] job)
#   --out DIR run dirs and averaging.md go here (default runs/averaging-<time>); variants already
#             finished in DIR are kept, so an interrupted study continues where it stopped
#   VARIANT   any of the names below (default: all)
# Needs the built jar (mvn -B -DskipTests package). Losses do not depend on load, wall times do.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"

# name | train.workers | train.lr-scaling | train.warmup-steps | train.averaging-frequency | per-worker batch
# (an empty batch: the shape's)
variants=(
  "one-worker|1|none|0|5|"
  "none|2|none|0|5|"
  "sqrt|2|sqrt|0|5|"
  "linear|2|linear|0|5|"
  "linear-warmup20|2|linear|20|5|"
  "linear-avg1|2|linear|0|1|"
  "linear-avg20|2|linear|0|20|"
)
# Same characters for every N: N workers with the shape's batch each (linear learning-rate rule,
# averaging every 1, 5 or 20 minibatches, or auto: the period adapted each round), and N workers
# splitting one global batch of ~50 (no learning-rate scaling: the step sees as many characters as
# one worker's), averaging every 1, 5 or auto.
scaling_variants=(
  "n1|1|none|0|1|"
  "n2-avg1|2|linear|0|1|" "n2-avg5|2|linear|0|5|" "n2-avg20|2|linear|0|20|"
  "n4-avg1|4|linear|0|1|" "n4-avg5|4|linear|0|5|" "n4-avg20|4|linear|0|20|"
  "n8-avg1|8|linear|0|1|" "n8-avg5|8|linear|0|5|" "n8-avg20|8|linear|0|20|"
  "n16-avg1|16|linear|0|1|" "n16-avg5|16|linear|0|5|" "n16-avg20|16|linear|0|20|"
  "n16-sqrt-avg5|16|sqrt|0|5|"
  "n4-global-avg1|4|none|0|1|13" "n8-global-avg1|8|none|0|1|6" "n16-global-avg1|16|none|0|1|3"
  "n2-auto|2|linear|0|auto|" "n4-auto|4|linear|0|auto|" "n8-auto|8|linear|0|auto|" "n16-auto|16|linear|0|auto|"
  "n4-global-avg5|4|none|0|5|13" "n8-global-avg5|8|none|0|5|6"
  "n4-global-auto|4|none|0|auto|13" "n8-global-auto|8|none|0|auto|6"
)
# The study shape: anna's (2 layers, Adam 0.001, keep 0.5, clip 5) at a quarter of the cost per
# step: LSTM 128, sequences of 50, batches of 50, the first 500,000 characters: 179 minibatches per
# epoch, as the anna preset's 176, so the same number of optimizer steps per worker.
shape=(--config conf/anna.conf --set model.hidden=128 --set data.seq-length=50 --set train.batch-size=50
       --set data.max-chars=500000 --set train.validation-max-chars=0)
seq_length=50
batch=50
jobs=2
epochs=""
out="runs/averaging-$(date -u +%Y%m%d-%H%M%S)"
chosen=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --anna) shape=(--config conf/anna.conf --set train.validation-max-chars=50000); seq_length=100; batch=100; shift ;;
    --scaling) variants=("${scaling_variants[@]}"); epochs="${epochs:-2}"; shift ;;
    --epochs) epochs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    -*) echo "error: unknown option $1 (expected --scaling, --anna, --epochs E, --jobs N, --out DIR)" >&2; exit 2 ;;
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
epochs="${epochs:-1}"
[[ "$epochs" =~ ^[1-9][0-9]*$ ]] || { echo "error: --epochs must be a positive integer, got '$epochs'" >&2; exit 2; }
mkdir -p "$out"

run_variant() {
  local name="$1" workers="$2" scaling="$3" warmup="$4" freq="$5" worker_batch="$6"
  local start end
  start=$(date +%s)
  if scripts/scoped-rnn train char-lstm "${shape[@]}" --epochs "$epochs" --run-dir "$out/$name" --overwrite \
      --set train.batch-size="${worker_batch:-$batch}" \
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
  IFS='|' read -r name workers scaling warmup freq worker_batch <<<"$v"
  if [[ ${#chosen[@]} -gt 0 && " ${chosen[*]} " != *" $name "* ]]; then continue; fi
  if [[ -f "$out/$name.seconds" ]]; then echo "$name: done in an earlier run of the study, kept" >&2; continue; fi
  while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do wait -n || true; done
  echo "running $name (workers $workers, lr-scaling $scaling, warm-up $warmup, averaging every $freq," \
    "batch ${worker_batch:-$batch} per worker)" >&2
  run_variant "$name" "$workers" "$scaling" "$warmup" "$freq" "$worker_batch" &
done
wait

# Per variant: the table row (validation after each epoch; the last is the figure) and its curve,
# one line per averaging round and per validation: characters seen so far, train and validation loss.
echo "variant,workers,lr_scaling,avg_every,worker_batch,step,characters,train_loss,validation_loss" >"$out/curves.csv"
{
  echo "| setting | workers | lr-scaling | warm-up | avg every | batch per worker | minibatches | steps per worker | characters | validation nats/char per epoch | wall |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for v in "${variants[@]}"; do
    IFS='|' read -r name workers scaling warmup freq worker_batch <<<"$v"
    csv="$out/$name/metrics.csv"
    [[ -f "$csv" && -f "$out/$name.seconds" ]] || continue
    b="${worker_batch:-$batch}"
    # a step is one worker's minibatch of batch x seq characters; validation rows carry column 5
    awk -F, -v name="$name" -v w="$workers" -v s="$scaling" -v f="$freq" -v b="$b" -v cps="$((b * seq_length))" '
      NR > 1 { printf "%s,%d,%s,%s,%d,%d,%d,%s,%s\n", name, w, s, f, b, $1, $1 * cps, $4, $5 }' "$csv" >>"$out/curves.csv"
    awk -F, -v name="$name" -v w="$workers" -v s="$scaling" -v wu="$warmup" -v f="$freq" -v b="$b" \
        -v secs="$(cat "$out/$name.seconds")" -v cps="$((b * seq_length))" '
      NR > 1 && $5 != "" { step = $1; vals = vals (vals == "" ? "" : " / ") sprintf("%.4f", $5) }
      END {
        printf "| %s | %d | %s | %d | %s | %d | %d | %d | %d | %s | %dm%02ds |\n", name, w, s, wu, f, b, step,
          int((step + w - 1) / w), step * cps, vals, secs / 60, secs % 60
      }' "$csv"
  done
} >"$out/averaging.md"
cat "$out/averaging.md"
