"""Writes the seed inputs of ReadersFuzzTest (small files of our own in each format; no shared data
is copied). Run from the repository root: python3 src/test/python/make_fuzz_seeds.py"""
import io, json, os, pickle, shutil, zipfile
import numpy as np

OUT = "src/test/resources/kinesis/fuzz/ReadersFuzzTestInputs"


def put(method, name, data):
    d = os.path.join(OUT, method)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def npy_bytes(a):
    b = io.BytesIO()
    np.save(b, a)
    return b.getvalue()


def npz_bytes(arrays):
    b = io.BytesIO()
    np.savez(b, **arrays)
    return b.getvalue()


# BVH: a hip and a leg chain, three frames
put("bvh", "tiny.bvh", """HIERARCHY
ROOT Hips
{
  OFFSET 0 0 0
  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
  JOINT LeftUpLeg
  {
    OFFSET 10 0 0
    CHANNELS 3 Zrotation Xrotation Yrotation
    End Site
    {
      OFFSET 0 -40 0
    }
  }
}
MOTION
Frames: 3
Frame Time: 0.0333333
0 90 0 0 0 0 0 0 0
1 90 0 0 5 0 10 0 0
2 90 0 0 10 0 20 0 0
""")

# DeepMimic humanoid3d: duration, root position and rotation, then the joints (44 numbers per frame)
frame = [0.0333, 0, 0.85, 0, 1, 0, 0, 0] + [1, 0, 0, 0] * 2 + [1, 0, 0, 0, 0.1] + [1, 0, 0, 0] * 2 + [0.2] \
    + [1, 0, 0, 0, 0.1] + [1, 0, 0, 0] * 2 + [0.2]
assert len(frame) == 44
put("deepMimic", "tiny.txt", json.dumps({"Loop": "wrap", "Frames": [frame, frame]}))

put("npy", "floats.npy", npy_bytes(np.arange(6, dtype="<f4").reshape(2, 3)))
put("npy", "fortran.npy", npy_bytes(np.asfortranarray(np.arange(6, dtype=">f8").reshape(3, 2))))
put("npy", "ints.npy", npy_bytes(np.array([1, 2, 3], dtype="<i8")))
put("npz", "two.npz", npz_bytes({"a": np.zeros((2, 2), "<f4"), "b": np.array([7], "<i4")}))
put("jointPositions", "walk22.npy", npy_bytes((np.random.default_rng(0).normal(size=(4, 22, 3)) * 0.1 + [0, 0, 1]).astype("<f4")))
put("pickle", "dict.pkl", pickle.dumps({"text": ["a person walks"], "lengths": np.array([3]), "motion": np.zeros((1, 2, 3, 3), "f4")}, protocol=2))
put("pickle", "proto5.pkl", pickle.dumps({"x": (1, 2.5, "s"), "y": np.arange(4, dtype="f8")}, protocol=5))
os.makedirs(os.path.join(OUT, "skeletonMapping"), exist_ok=True)
shutil.copy("src/main/resources/kinesis/motion/skeletons/deepmimic-humanoid3d.json", os.path.join(OUT, "skeletonMapping"))
os.makedirs(os.path.join(OUT, "torchZip"), exist_ok=True)
shutil.copy("src/test/resources/kinesis/rl/pth/other_obs.pth", os.path.join(OUT, "torchZip", "other_obs.pth"))
put("runConfig", "config.yaml", """env:
  model: "legs"
  control: "direct"
ppo:
  actor: gaussian
  hidden: [8]
  num_envs: 2
  samples_per_iteration: 16
  policy_lr: 1.0E-4
""")
put("steerSchedule", "steer.yaml", open("docs/examples/steer.yaml").read())
print("seeds written under", OUT)
