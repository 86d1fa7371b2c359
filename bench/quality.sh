#!/usr/bin/env bash
# Time to quality (issue 15), run by `scripts/bench --quality MINUTES`: the anna preset trained for
# the same wall time, one after the other, by
#   1. ours, single process (`scoped-rnn bench quality single`: the model `train` builds, fitted in
#      the trainer's batch order, at --threads threads, one worker's optimizer),
#   2. ours through the train command (`scoped-rnn train char-lstm`, Spark local[2], the config's
#      workers and averaging, --max-wall-time MINUTES, a checkpoint after every averaging round,
#      validated afterwards by `scoped-rnn bench quality checkpoints` at the wall time of its step),
#   3. the PyTorch peer's same model (bench/charlstm_torch.py --mode quality, --threads threads),
# all on the same split (the last data.validation-fraction of the corpus held out, 0.1 for anna) and
# the same validation (first --val-chars held-out characters, windows of data.seq-length, zero
# state, dropout off). 1 and 3 validate every --every-seconds of training (default 60, or a sixth of
# the budget when that is shorter), with their clocks stopped while validating; 2 every round.
# Writes DIR/quality.png (the curves), DIR/*.csv (seconds,step,validation_loss), and prints the loss
# each reached.
#
# Usage: bench/quality.sh MINUTES [--out DIR] [--config FILE] [--threads N] [--every-seconds S]
#                        [--val-chars N] [--set key=value ...]
#   --config    a char-lstm config (default conf/anna.conf); --set overrides its keys on every side
# Python: SCOPED_RNN_BENCH_PYTHON (scripts/bench sets it) or python3; it needs torch.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$home/scripts/scoped-rnn"
python="${SCOPED_RNN_BENCH_PYTHON:-python3}"

minutes="${1:-}"
[[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v m="$minutes" 'BEGIN{exit !(m > 0)}' || {
  echo "error: --quality needs a positive number of minutes, got '${minutes}' (e.g. scripts/bench --quality 30)" >&2
  exit 2
}
shift
out="$home/target/bench-quality/$(date +%Y%m%d-%H%M%S)"; config="$home/conf/anna.conf"; threads=2; every=""
val_chars=50000; sets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --config) config="${2:?--config needs a file}"; shift 2 ;;
    --threads) threads="${2:?}"; shift 2 ;;
    --every-seconds) every="${2:?}"; shift 2 ;;
    --val-chars) val_chars="${2:?}"; shift 2 ;;
    --set) sets+=(--set "${2:?--set needs key=value}"); shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option '$1' (see bench/quality.sh --help)" >&2; exit 2 ;;
  esac
done
for n in "$threads" "$val_chars" ${every:+"$every"}; do
  [[ "$n" =~ ^[0-9]+$ ]] || {
    echo "error: '$n' is not a whole number (--threads, --val-chars, --every-seconds)" >&2; exit 2; }
done
[[ -f "$config" ]] || { echo "error: --config $config is not a file" >&2; exit 2; }
seconds="$(awk -v m="$minutes" 'BEGIN{printf "%d", m * 60}')"
every="${every:-$(awk -v s="$seconds" 'BEGIN{e = s / 6; printf "%d", (e < 60 ? (e < 1 ? 1 : e) : 60)}')}"
mkdir -p "$out/logs"
cfg=(--config "$config" "${sets[@]}")
mapfile -t peer < <("$launcher" bench peer-args "${cfg[@]}" 2> "$out/logs/peer-args.log")
[[ ${#peer[@]} -gt 0 ]] || { cat "$out/logs/peer-args.log" >&2; exit 2; }
echo "quality: $minutes min each, validation every ${every}s of training, first $val_chars held-out chars;" \
  "results in $out" >&2

step() {  # name, ok exit codes ("0" or "0 3"), command...: its stderr to logs/NAME.log
  local name="$1" ok="$2" rc=0; shift 2
  "$@" 2> "$out/logs/$name.log" || rc=$?
  if [[ " $ok " != *" $rc "* ]]; then
    echo "error: $name failed (exit $rc); last lines of $out/logs/$name.log:" >&2
    tail -n 5 "$out/logs/$name.log" | sed 's/^/    /' >&2
    exit 1
  fi
}

echo "[$(date +%H:%M:%S)] ours, single process" >&2
step ours-single 0 env OMP_NUM_THREADS="$threads" "$launcher" bench quality single "${cfg[@]}" --minutes "$minutes" \
  --every-seconds "$every" --val-chars "$val_chars" --out "$out/ours-single.csv"

echo "[$(date +%H:%M:%S)] ours, train command (Spark local[2])" >&2
# exit 3 = stopped at --max-wall-time with a complete checkpoint, which is what this run asks for
step ours-spark "0 3" "$launcher" train char-lstm "${cfg[@]}" --run-dir "$out/spark-run" --max-wall-time "${seconds}s" \
  --set train.epochs=1000 --set train.checkpoint-every-steps=1 --set train.keep-last=100000 \
  --set train.validation-max-chars="$val_chars" --set 'spark.master="local[2]"'
step ours-spark-validation 0 "$launcher" bench quality checkpoints "${cfg[@]}" --run-dir "$out/spark-run" \
  --val-chars "$val_chars" --out "$out/ours-spark.csv"
rm -rf "$out/spark-run/checkpoints"  # about 40 MB each at the anna size; the curve is in the CSV

echo "[$(date +%H:%M:%S)] PyTorch" >&2
step pytorch 0 env OMP_NUM_THREADS="$threads" "$python" "$home/bench/charlstm_torch.py" --mode quality \
  --preset quality --threads "$threads" "${peer[@]}" --minutes "$minutes" --every-seconds "$every" \
  --val-chars "$val_chars" --out "$out/pytorch.csv"

echo >&2
"$launcher" bench quality chart --out "$out/quality.png" \
  --title "Time to quality: $(basename "$config" .conf), $minutes min each, $(nproc) cores" \
  "ours, single process ($threads threads)=$out/ours-single.csv" \
  "ours, train command (Spark local[2])=$out/ours-spark.csv" \
  "PyTorch ($threads threads)=$out/pytorch.csv" | tee "$out/quality.txt"
echo "wrote $out/quality.png" >&2
