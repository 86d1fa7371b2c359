/**
 * Which GPUs the CUDA build can run, checked before ND4J's CUDA backend starts:
 * {@link org.scopedrnn.gpu.CudaCapabilities} (the compute capabilities the build has kernels for,
 * from {@code conf/cuda-capabilities.txt}), {@link org.scopedrnn.gpu.NvidiaSmi} (what the node's
 * GPUs are) and {@link org.scopedrnn.gpu.GpuCheckPlugin}, the Spark plugin that refuses an
 * executor whose assigned GPU cannot run the build. Imports Spark's plugin API and nothing of this
 * project outside the package; never touches ND4J (its CUDA backend must not start here).
 *
 * <p>May import (of ours): nothing.
 */
package org.scopedrnn.gpu;
