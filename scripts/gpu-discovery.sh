#!/usr/bin/env bash
# Spark resource discovery script for GPUs: prints {"name":"gpu","addresses":["0","1",...]}, one
# address per GPU that nvidia-smi lists (its index, in PCI bus order; run executors with
# CUDA_DEVICE_ORDER=PCI_BUS_ID so ND4J's CUDA device ordinals are the same numbers) and that the CUDA
# build can run: its compute capability must have kernels in conf/cuda-capabilities.txt (same
# major version, minor no higher: there is no PTX). Each GPU left out is named on stderr with why.
# Used by spark.executor.resource.gpu.discoveryScript (YARN, Kubernetes) and
# spark.worker.resource.gpu.discoveryScript (standalone workers); see conf/spark-gpu.conf.
# Environment: SCOPED_RNN_GPU_RESOURCE (resource name, default gpu), NVIDIA_SMI (default nvidia-smi),
# SCOPED_RNN_CUDA_CAPABILITIES (the list's file, default conf/cuda-capabilities.txt beside scripts/).
set -euo pipefail
name="${SCOPED_RNN_GPU_RESOURCE:-gpu}"
smi="${NVIDIA_SMI:-nvidia-smi}"
list="${SCOPED_RNN_CUDA_CAPABILITIES:-$(dirname "${BASH_SOURCE[0]}")/../conf/cuda-capabilities.txt}"
if [[ ! -r "$list" ]]; then
  echo "gpu-discovery.sh: cannot read $list (the compute capabilities the CUDA build runs on); set SCOPED_RNN_CUDA_CAPABILITIES to it" >&2
  exit 1
fi
kernels="$(sed 's/#.*//' "$list" | xargs)"
# true if a GPU of compute capability $1 (M.N) can run kernels built for M.K with K <= N
runs() {
  [[ "$1" =~ ^([0-9]+)\.([0-9]+)$ ]] || return 1
  local major="${BASH_REMATCH[1]}" minor="${BASH_REMATCH[2]}" k
  for k in $kernels; do
    if [[ "${k%%.*}" == "$major" ]] && (( 10#${k#*.} <= 10#$minor )); then return 0; fi
  done
  return 1
}
if ! command -v "$smi" >/dev/null 2>&1; then
  echo "gpu-discovery.sh: $smi not found on PATH: this node has no NVIDIA driver, so it cannot offer '$name' resources" >&2
  exit 1
fi
if ! gpus="$("$smi" --query-gpu=index,compute_cap --format=csv,noheader)"; then
  echo "gpu-discovery.sh: '$smi --query-gpu=index,compute_cap --format=csv,noheader' failed" >&2
  exit 1
fi
addresses=""
while IFS= read -r line; do
  fields="${line//[[:space:]]/}"
  [[ -z "$fields" ]] && continue
  if [[ ! "$fields" =~ ^([0-9]+),(.*)$ ]]; then
    echo "gpu-discovery.sh: nvidia-smi printed '$line' where 'index, compute capability' was expected" >&2
    exit 1
  fi
  index="${BASH_REMATCH[1]}" cap="${BASH_REMATCH[2]}"
  if runs "$cap"; then
    addresses+="${addresses:+,}\"$index\""
  else
    echo "gpu-discovery.sh: skipping gpu $index: compute capability $cap has no kernels in this build" \
      "(nd4j-cuda-11.6 1.0.0-M2.1 has kernels for $kernels and no PTX, so a GPU runs only kernels of its major version" \
      "built for a minor version no higher than its own)" >&2
  fi
done <<< "$gpus"
printf '{"name":"%s","addresses":[%s]}\n' "$name" "$addresses"
