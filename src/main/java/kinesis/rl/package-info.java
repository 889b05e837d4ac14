/**
 * PPO as KINESIS trains it (kinesis-reference.md §4): {@link kinesis.rl.PpoConfig} (presets {@code
 * paper} and {@code laptop}, YAML, {@code key=value} overrides), {@link kinesis.rl.Gae}, {@link
 * kinesis.rl.Ppo} (the update), and {@link kinesis.rl.Trainer} (CleanRL-style loop over any {@link
 * kinesis.task.VecEnv}: metrics.csv, plots, atomic checkpoints, bit-exact resume, NaN rollback,
 * save on Ctrl-C). {@link kinesis.rl.TrainBench} and {@link kinesis.rl.LearnBench} back the {@code
 * bench train} and {@code bench learn} commands.
 */
package kinesis.rl;
