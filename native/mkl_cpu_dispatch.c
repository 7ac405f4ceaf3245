/*
 * libtorch's CPU build links Intel oneMKL statically. MKL picks its code path by CPU vendor and falls
 * back to generic, non-vector code on AMD processors, which made batch-1 decode (matrix-vector
 * products) run at ~18 GB/s of weights where the memory allows ~80 (docs/benchmarks.md). These two
 * functions are what MKL asks; loaded RTLD_GLOBAL before libtorch's first MKL call, they answer "yes",
 * and MKL then dispatches on the CPU's feature flags (AVX2, AVX-512). Loaded by Mesh.Core on AMD CPUs
 * only (Nn/MklCpuDispatch.cs); MESH_MKL_CPU_DISPATCH=0 turns it off.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
int mkl_serv_intel_cpu(void) { return 1; }
