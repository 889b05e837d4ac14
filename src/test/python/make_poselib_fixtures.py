"""Writes the poselib SkeletonMotion test fixtures (run once; outputs are committed).

    python3 src/test/python/make_poselib_fixtures.py src/test/resources/kinesis/motion/poselib

poselib (AMP, ASE, PHC) saves a motion with ``np.save(path, motion.to_dict())``: a 0-d object
array pickling one OrderedDict with rotation (T, J, 4) local xyzw quaternions, root_translation,
global_velocity, global_angular_velocity, skeleton_tree (node_names, parent_indices,
local_translation), is_local, fps and __name__ = "SkeletonMotion". Each tensor is stored as
``{'arr': ndarray, 'context': {'dtype': torch.<dtype>}}``. Only the standard library and numpy are
used; torch's dtype objects are stood in for by a tiny module named ``torch`` so that the pickle
refers to ``torch.float32`` exactly as a real file does.

The motion: a simple 2 s walk at 30 fps, turning slowly left, on the 15-body AMP humanoid (body
names and offsets of ASE's amp_humanoid.xml, z up, metres), its 17-body sword-and-shield version,
and PHC's 24-body SMPL humanoid (rounded offsets); plus malformed variants for the tests.
"""

import sys
import types
from collections import OrderedDict
from pathlib import Path

import numpy as np

# stand-in for torch's dtype singletons: pickled as the globals torch.float32 / torch.int64
torch = types.ModuleType("torch")


class _TorchDtype:
    def __init__(self, name):
        self.name = name

    def __reduce__(self):
        return self.name


_TorchDtype.__module__ = "torch"
torch.float32 = _TorchDtype("float32")
torch.int64 = _TorchDtype("int64")
sys.modules["torch"] = torch

# body name, parent index, offset from the parent (m); the 15-body AMP humanoid of ASE's amp_humanoid.xml
AMP = [("pelvis", -1, [0, 0, 0]), ("torso", 0, [0, 0, 0.236151]), ("head", 1, [0, 0, 0.223894]),
       ("right_upper_arm", 1, [-0.02405, -0.18311, 0.2435]), ("right_lower_arm", 3, [0, 0, -0.274788]),
       ("right_hand", 4, [0, 0, -0.258947]), ("left_upper_arm", 1, [-0.02405, 0.18311, 0.2435]),
       ("left_lower_arm", 6, [0, 0, -0.274788]), ("left_hand", 7, [0, 0, -0.258947]),
       ("right_thigh", 0, [0, -0.084887, 0]), ("right_shin", 9, [0, 0, -0.421546]), ("right_foot", 10, [0, 0, -0.40987]),
       ("left_thigh", 0, [0, 0.084887, 0]), ("left_shin", 12, [0, 0, -0.421546]), ("left_foot", 13, [0, 0, -0.40987])]
# ASE's sword-and-shield humanoid adds two bodies (17)
AMP17 = AMP + [("sword", 5, [0, 0, -0.1]), ("shield", 7, [0, 0.05, -0.1])]
# PHC's SMPL humanoid (24 bodies in its MJCF order), rounded neutral-shape offsets, z up, x forward
SMPL = [("Pelvis", -1, [0, 0, 0]), ("L_Hip", 0, [-0.004, 0.068, -0.091]), ("L_Knee", 1, [0.004, 0.034, -0.375]),
        ("L_Ankle", 2, [-0.037, -0.004, -0.398]), ("L_Toe", 3, [0.122, 0.024, -0.056]), ("R_Hip", 0, [-0.004, -0.068, -0.091]),
        ("R_Knee", 5, [0.004, -0.034, -0.375]), ("R_Ankle", 6, [-0.037, 0.004, -0.398]), ("R_Toe", 7, [0.122, -0.024, -0.056]),
        ("Torso", 0, [-0.027, 0, 0.109]), ("Spine", 9, [0.003, 0, 0.135]), ("Chest", 10, [0.003, 0, 0.054]),
        ("Neck", 11, [-0.013, 0, 0.214]), ("Head", 12, [0.05, 0, 0.065]), ("L_Thorax", 11, [-0.019, 0.082, 0.114]),
        ("L_Shoulder", 14, [-0.009, 0.124, 0.045]), ("L_Elbow", 15, [-0.021, 0.256, -0.014]), ("L_Wrist", 16, [-0.007, 0.266, 0.013]),
        ("L_Hand", 17, [0.015, 0.087, -0.011]), ("R_Thorax", 11, [-0.019, -0.082, 0.114]), ("R_Shoulder", 19, [-0.009, -0.124, 0.045]),
        ("R_Elbow", 20, [-0.021, -0.256, -0.014]), ("R_Wrist", 21, [-0.007, -0.266, 0.013]), ("R_Hand", 22, [0.015, -0.087, -0.011])]
FPS, FRAMES = 30, 61


def parts(tree):
    """Names, parents and offsets of a tree."""
    return [b[0] for b in tree], [b[1] for b in tree], [b[2] for b in tree]


def quat_xyzw(axis, angle):
    """Rotation by angle about a unit axis, as (x, y, z, w)."""
    s = np.sin(angle / 2)
    return np.array([axis[0] * s, axis[1] * s, axis[2] * s, np.cos(angle / 2)])


def qmul(a, b):
    """Hamilton product of xyzw quaternions."""
    ax, ay, az, aw = a
    bx, by, bz, bw = b
    return np.array([aw * bx + ax * bw + ay * bz - az * by, aw * by - ax * bz + ay * bw + az * bx,
                     aw * bz + ax * by - ay * bx + az * bw, aw * bw - ax * bx - ay * by - az * bz])


def qrot(q, v):
    """Rotates vector v by xyzw quaternion q."""
    p = qmul(qmul(q, np.array([v[0], v[1], v[2], 0.0])), q * np.array([-1, -1, -1, 1]))
    return p[:3]


def walk(tree, legs, arms, height):
    """Local rotations (T, J, 4) and root translations (T, 3) of a simple walk; legs: (hip, knee, ankle) names per side."""
    names = parts(tree)[0]
    rot = np.zeros((FRAMES, len(tree), 4))
    rot[..., 3] = 1
    root = np.zeros((FRAMES, 3))
    y, z = np.array([0.0, 1.0, 0.0]), np.array([0.0, 0.0, 1.0])
    for f in range(FRAMES):
        t = f / FPS
        phase = 2 * np.pi * t  # one stride per second
        yaw = 0.15 * t
        root[f] = [1.1 * np.sin(yaw) / 0.15 if yaw else 0.0, 1.1 * (1 - np.cos(yaw)) / 0.15, height + 0.02 * np.cos(2 * phase)]
        rot[f, 0] = quat_xyzw(z, yaw)
        for (hip, knee, ankle), arm, shift in zip(legs, arms, (0.0, np.pi)):
            s = np.sin(phase + shift)
            rot[f, names.index(hip)] = quat_xyzw(y, -0.45 * s)  # negative pitch swings the leg forward
            rot[f, names.index(knee)] = quat_xyzw(y, 0.15 + 0.55 * max(0.0, np.sin(phase + shift + 0.8)))
            rot[f, names.index(ankle)] = quat_xyzw(y, -0.1 * s)
            rot[f, names.index(arm)] = quat_xyzw(y, 0.3 * np.sin(phase + shift + np.pi))  # arms swing against the legs
    return rot.astype(np.float32), root.astype(np.float32)


def to_global(tree, rot):
    """World rotations from local ones (parents come first)."""
    out = rot.astype(np.float64).copy()
    for f in range(rot.shape[0]):
        for j, p in enumerate(parts(tree)[1]):
            if p >= 0:
                out[f, j] = qmul(out[f, p], rot[f, j])
    return out.astype(np.float32)


def positions(tree, rot_local, root):
    """World body positions (T, J, 3) by forward kinematics."""
    _, parents, offsets = parts(tree)
    glob = to_global(tree, rot_local).astype(np.float64)
    pos = np.zeros(rot_local.shape[:2] + (3,))
    for f in range(rot_local.shape[0]):
        for j, p in enumerate(parents):
            pos[f, j] = root[f] if p < 0 else pos[f, p] + qrot(glob[f, p], offsets[j])
    return pos


def tensor(a, dtype):
    return {"arr": np.ascontiguousarray(a), "context": {"dtype": dtype}}


def motion(skeleton, rot, root, vel, is_local=True, names=None, name="SkeletonMotion"):
    own, parents, offsets = parts(skeleton)
    tree = OrderedDict([("node_names", list(names or own)),
                        ("parent_indices", tensor(np.array(parents, dtype=np.int64), torch.int64)),
                        ("local_translation", tensor(np.array(offsets, dtype=np.float32), torch.float32))])
    return OrderedDict([("rotation", tensor(rot, torch.float32)), ("root_translation", tensor(root, torch.float32)),
                        ("global_velocity", tensor(vel, torch.float32)),
                        ("global_angular_velocity", tensor(np.zeros_like(vel), torch.float32)),
                        ("skeleton_tree", tree), ("is_local", is_local), ("fps", FPS), ("__name__", name)])


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    amp_legs = [("right_thigh", "right_shin", "right_foot"), ("left_thigh", "left_shin", "left_foot")]
    amp_arms = ["right_upper_arm", "left_upper_arm"]
    rot, root = walk(AMP, amp_legs, amp_arms, 0.93)
    pos = positions(AMP, rot, root)
    vel = np.gradient(pos, 1 / FPS, axis=0).astype(np.float32)
    np.save(out / "amp_walk.npy", motion(AMP, rot, root, vel))
    np.save(out / "amp_walk_global.npy", motion(AMP, to_global(AMP, rot), root, vel, is_local=False))
    np.save(out / "custom_bones.npy", motion(AMP, rot, root, vel, names=["b%02d" % j for j in range(len(AMP))]))
    np.save(out / "bad_rotation_shape.npy", motion(AMP, rot[..., :3], root, vel))
    np.save(out / "skeleton_state.npy", motion(AMP, rot, root, vel, name="SkeletonState"))
    np.save(out / "amp_walk.positions.npy", pos.astype(np.float32))  # expected body positions, for the test
    # the 17-body sword-and-shield humanoid and PHC's 24-body SMPL humanoid, same walk
    rot17, root17 = walk(AMP17, amp_legs, amp_arms, 0.93)
    vel17 = np.gradient(positions(AMP17, rot17, root17), 1 / FPS, axis=0).astype(np.float32)
    np.save(out / "amp17_walk.npy", motion(AMP17, rot17, root17, vel17))
    rots, roots = walk(SMPL, [("R_Hip", "R_Knee", "R_Ankle"), ("L_Hip", "L_Knee", "L_Ankle")], ["R_Shoulder", "L_Shoulder"], 0.92)
    poss = positions(SMPL, rots, roots)
    np.save(out / "smpl_walk.npy", motion(SMPL, rots, roots, np.gradient(poss, 1 / FPS, axis=0).astype(np.float32)))
    np.save(out / "smpl_walk.positions.npy", poss.astype(np.float32))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/kinesis/motion/poselib")
