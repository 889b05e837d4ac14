"""Writes the poselib SkeletonMotion test fixtures (run once; outputs are committed).

    python3 src/test/python/make_poselib_fixtures.py src/test/resources/kinesis/motion/poselib

poselib (AMP, ASE, PHC) saves a motion with ``np.save(path, motion.to_dict())``: a 0-d object
array pickling one OrderedDict with rotation (T, J, 4) local xyzw quaternions, root_translation,
global_velocity, global_angular_velocity, skeleton_tree (node_names, parent_indices,
local_translation), is_local, fps and __name__ = "SkeletonMotion". Each tensor is stored as
``{'arr': ndarray, 'context': {'dtype': torch.<dtype>}}``. Only the standard library and numpy are
used; torch's dtype objects are stood in for by a tiny module named ``torch`` so that the pickle
refers to ``torch.float32`` exactly as a real file does.

The motion: the 15-body AMP humanoid (body names and offsets of ASE's amp_humanoid.xml, z up,
metres) walking 2 s forward at 30 fps while turning slowly left.
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

NAMES = ["pelvis", "torso", "head", "right_upper_arm", "right_lower_arm", "right_hand", "left_upper_arm",
         "left_lower_arm", "left_hand", "right_thigh", "right_shin", "right_foot", "left_thigh", "left_shin", "left_foot"]
PARENTS = [-1, 0, 1, 1, 3, 4, 1, 6, 7, 0, 9, 10, 0, 12, 13]
OFFSETS = [[0, 0, 0], [0, 0, 0.236151], [0, 0, 0.223894], [-0.02405, -0.18311, 0.2435], [0, 0, -0.274788],
           [0, 0, -0.258947], [-0.02405, 0.18311, 0.2435], [0, 0, -0.274788], [0, 0, -0.258947],
           [0, -0.084887, 0], [0, 0, -0.421546], [0, 0, -0.40987], [0, 0.084887, 0], [0, 0, -0.421546], [0, 0, -0.40987]]
FPS, FRAMES = 30, 61


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


def walk():
    """Local rotations (T, J, 4) and root translations (T, 3) of a simple walk."""
    rot = np.zeros((FRAMES, len(NAMES), 4))
    rot[..., 3] = 1
    root = np.zeros((FRAMES, 3))
    y, z = np.array([0.0, 1.0, 0.0]), np.array([0.0, 0.0, 1.0])
    for f in range(FRAMES):
        t = f / FPS
        phase = 2 * np.pi * t  # one stride per second
        yaw = 0.15 * t
        root[f] = [1.1 * np.sin(yaw) / 0.15 if yaw else 0.0, 1.1 * (1 - np.cos(yaw)) / 0.15, 0.93 + 0.02 * np.cos(2 * phase)]
        rot[f, 0] = quat_xyzw(z, yaw)
        for side, hip, knee, ankle, shift in (("right", 9, 10, 11, 0.0), ("left", 12, 13, 14, np.pi)):
            s = np.sin(phase + shift)
            rot[f, hip] = quat_xyzw(y, -0.45 * s)  # negative pitch swings the leg forward
            rot[f, knee] = quat_xyzw(y, 0.15 + 0.55 * max(0.0, np.sin(phase + shift + 0.8)))
            rot[f, ankle] = quat_xyzw(y, -0.1 * s)
        rot[f, 3] = quat_xyzw(y, 0.3 * np.sin(phase + np.pi))  # arms swing against the legs
        rot[f, 6] = quat_xyzw(y, 0.3 * np.sin(phase))
    return rot.astype(np.float32), root.astype(np.float32)


def to_global(rot):
    """World rotations from local ones (parents come first)."""
    out = rot.astype(np.float64).copy()
    for f in range(rot.shape[0]):
        for j, p in enumerate(PARENTS):
            if p >= 0:
                out[f, j] = qmul(out[f, p], rot[f, j])
    return out.astype(np.float32)


def positions(rot_local, root):
    """World body positions (T, J, 3) by forward kinematics."""
    glob = to_global(rot_local).astype(np.float64)
    pos = np.zeros(rot_local.shape[:2] + (3,))
    for f in range(rot_local.shape[0]):
        for j, p in enumerate(PARENTS):
            pos[f, j] = root[f] if p < 0 else pos[f, p] + qrot(glob[f, p], OFFSETS[j])
    return pos


def tensor(a, dtype):
    return {"arr": np.ascontiguousarray(a), "context": {"dtype": dtype}}


def motion(rot, root, vel, is_local=True, names=NAMES, name="SkeletonMotion"):
    tree = OrderedDict([("node_names", list(names)),
                        ("parent_indices", tensor(np.array(PARENTS, dtype=np.int64), torch.int64)),
                        ("local_translation", tensor(np.array(OFFSETS, dtype=np.float32), torch.float32))])
    return OrderedDict([("rotation", tensor(rot, torch.float32)), ("root_translation", tensor(root, torch.float32)),
                        ("global_velocity", tensor(vel, torch.float32)),
                        ("global_angular_velocity", tensor(np.zeros_like(vel), torch.float32)),
                        ("skeleton_tree", tree), ("is_local", is_local), ("fps", FPS), ("__name__", name)])


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rot, root = walk()
    pos = positions(rot, root)
    vel = np.gradient(pos, 1 / FPS, axis=0).astype(np.float32)
    np.save(out / "amp_walk.npy", motion(rot, root, vel))
    np.save(out / "amp_walk_global.npy", motion(to_global(rot), root, vel, is_local=False))
    np.save(out / "custom_bones.npy", motion(rot, root, vel, names=["b%02d" % j for j in range(len(NAMES))]))
    np.save(out / "bad_rotation_shape.npy", motion(rot[..., :3], root, vel))
    np.save(out / "skeleton_state.npy", motion(rot, root, vel, name="SkeletonState"))
    np.save(out / "amp_walk.positions.npy", pos.astype(np.float32))  # expected body positions, for the test


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/kinesis/motion/poselib")
