/**
 * Small float32 neural-network library for PPO on the CPU: {@link kinesis.nn.Gemm} (OpenBLAS
 * through FFM or a Vector API kernel), {@link kinesis.nn.Mlp} with hand-written backward passes,
 * {@link kinesis.nn.Adam}, {@link kinesis.nn.RunningNorm}, and the KINESIS actor {@link
 * kinesis.nn.Policy} with diagonal Gaussian or Lattice action noise. Every gradient is checked
 * against finite differences in the tests; results are bit-reproducible for a given back end and
 * thread count.
 */
package kinesis.nn;
