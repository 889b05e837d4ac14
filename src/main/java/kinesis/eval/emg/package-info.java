/**
 * The EMG benchmark (paper §IV-D, Fig. 5–6; kinesis-reference.md §7): how human-like the muscle
 * activity of a policy is.
 *
 * <p>Pipeline: {@link kinesis.eval.emg.HumanData} reads the gait-averaged human EMG (Falisse et al.
 * 2019: 1 subject, 14 muscles, 100 points per cycle, with joint angles; Santuz et al. 2020: 15
 * subjects, 13 muscles, 100 stance + 100 swing points). {@link kinesis.eval.emg.GaitCycles} cuts
 * the rollouts into cycles of the tested foot from its touch sensors (initial contact = the first
 * touch of heel or toes after at least 0.1 s without contact; touches under 0.1 s are scuffs),
 * drops cycles whose duration is beyond ±2 SD, and resamples each onto the data set's points;
 * {@link kinesis.eval.emg.MuscleMap} (the resource {@code muscle-map.json}) says which MyoLeg
 * muscles stand for each EMG channel (several muscles: their mean). {@link
 * kinesis.eval.emg.EmgBenchmark} then gives Pearson r per channel and subject, the mean over
 * channels per subject and over subjects, the {@link kinesis.eval.emg.HumanBaseline} (all subject
 * pairs; trial pairs for the one-subject data set) and the MPJAE.
 *
 * <p>Conventions. EMG and simulated activity are compared by Pearson r, so amplitude units do not
 * matter (EMG is max-normalised, act/ctrl lie in [0, 1]); an undefined r (a constant curve) is
 * reported as null and counts as 0 in means. Joint angles are compared in degrees in the human
 * (OpenSim) convention, see {@link kinesis.eval.emg.JointAngles}: hip flexion, hip adduction and
 * ankle dorsiflexion positive as in MyoLeg; the knee sign is flipped (MyoLeg flexion positive,
 * human data negative). MPJAE = mean over the four joints of the mean absolute difference over the
 * 100 points of the cycle. The human data are right legs; {@code --side left} compares the model's
 * left leg with them (gait is assumed symmetric), as the original notebook did with its left-leg
 * comparison. Each phase is sampled half-open (point j of p at fraction j/p), which for Santuz's
 * end-inclusive 100-point phases is a shift of under 1 % of a phase.
 */
package kinesis.eval.emg;
