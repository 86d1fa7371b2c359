#!/usr/bin/env bash
# Spark resource discovery script for GPUs: prints {"name":"gpu","addresses":["0","1",...]}, one
# address per GPU that nvidia-smi lists (its index, in PCI bus order; run executors with
# CUDA_DEVICE_ORDER=PCI_BUS_ID so ND4J's CUDA device ordinals are the same numbers).
# Used by spark.executor.resource.gpu.discoveryScript (YARN, Kubernetes) and
# spark.worker.resource.gpu.discoveryScript (standalone workers); see conf/spark-gpu.conf.
# Environment: SCOPED_RNN_GPU_RESOURCE (resource name, default gpu), NVIDIA_SMI (default nvidia-smi).
set -euo pipefail
name="${SCOPED_RNN_GPU_RESOURCE:-gpu}"
smi="${NVIDIA_SMI:-nvidia-smi}"
if ! command -v "$smi" >/dev/null 2>&1; then
  echo "gpu-discovery.sh: $smi not found on PATH: this node has no NVIDIA driver, so it cannot offer '$name' resources" >&2
  exit 1
fi
if ! indices="$("$smi" --query-gpu=index --format=csv,noheader)"; then
  echo "gpu-discovery.sh: '$smi --query-gpu=index --format=csv,noheader' failed" >&2
  exit 1
fi
addresses=""
while IFS= read -r line; do
  index="${line//[[:space:]]/}"
  [[ -z "$index" ]] && continue
  if [[ ! "$index" =~ ^[0-9]+$ ]]; then
    echo "gpu-discovery.sh: nvidia-smi printed '$line' where a GPU index was expected" >&2
    exit 1
  fi
  addresses+="${addresses:+,}\"$index\""
done <<< "$indices"
printf '{"name":"%s","addresses":[%s]}\n' "$name" "$addresses"
