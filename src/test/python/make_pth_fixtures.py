"""Writes small KINESIS-style torch checkpoints for the import-pth tests (run once; outputs are committed).

    python3 src/test/python/make_pth_fixtures.py src/test/resources/kinesis/rl/pth

torch is not needed: the files are written in torch.save's zip layout by hand. A zip (stored, one
folder named after the file) holds data.pkl, data/<key> raw little-endian storages, version and
byteorder. data.pkl pickles (protocol 2) the checkpoint dict; each tensor is
torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, OrderedDict()) with
the storage as the persistent id ('storage', torch.FloatStorage, key, 'cpu', numel). Stand-in
modules named torch and torch._utils make pickle emit exactly those globals. One weight is stored
transposed (non-contiguous strides) and two normaliser buffers share a storage at an offset, as
real files can.

Key names and layout follow kinesis-reference.md section 4.8 (Lattice expert: norm.*,
net.affine_layers.*, action_mean.*, log_std [1, 80 + latent]; value: net.affine_layers.*,
value_head.*; MoE: norm.*, gate.0.affine_layers.*, gate.1.*, experts.experts.<k>.{0,1,2}.*), with
small widths. Expected outputs are computed here with numpy and saved beside them (.npz).
"""

import io
import pickle
import sys
import types
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np

torch = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")


def _rebuild_tensor_v2(*args):  # never called: only its name goes into the pickle
    raise RuntimeError("stand-in")


_rebuild_tensor_v2.__module__ = "torch._utils"
torch_utils._rebuild_tensor_v2 = _rebuild_tensor_v2
torch._utils = torch_utils


class FloatStorage:
    pass


class LongStorage:
    pass


FloatStorage.__module__ = LongStorage.__module__ = "torch"
torch.FloatStorage, torch.LongStorage = FloatStorage, LongStorage
sys.modules["torch"], sys.modules["torch._utils"] = torch, torch_utils

OBS, ACT = 309, 80


class Storage:
    def __init__(self, flat):
        self.flat = np.ascontiguousarray(flat).ravel()
        self.key = None


class Tensor:
    """A view (offset, size, stride in elements) into a storage."""

    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def __reduce__(self):
        return _rebuild_tensor_v2, (self.storage, self.offset, self.size, self.stride, False, OrderedDict())


def tensor(a):
    a = np.ascontiguousarray(a)
    strides = tuple(s // a.itemsize for s in a.strides)
    return Tensor(Storage(a), 0, a.shape, strides)


def transposed(a):
    """The same values stored column-major: storage holds a.T, the tensor walks it with swapped strides."""
    s = Storage(np.ascontiguousarray(a.T))
    return Tensor(s, 0, a.shape, (1, a.shape[0]))


class Writer(pickle.Pickler):
    def __init__(self, f):
        super().__init__(f, protocol=2)
        self.storages = []

    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            if obj.key is None:
                obj.key = str(len(self.storages))
                self.storages.append(obj)
            kind = LongStorage if obj.flat.dtype == np.int64 else FloatStorage
            return ("storage", kind, obj.key, "cpu", obj.flat.size)
        return None


def torch_save(obj, path):
    buf = io.BytesIO()
    w = Writer(buf)
    w.dump(obj)
    folder = Path(path).stem
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr(folder + "/data.pkl", buf.getvalue())
        z.writestr(folder + "/byteorder", "little")
        for s in w.storages:
            z.writestr(folder + "/data/" + s.key, s.flat.astype("<" + s.flat.dtype.str[1:]).tobytes())
        z.writestr(folder + "/version", "3\n")


def state_dict(items):
    d = OrderedDict(items)
    d._metadata = OrderedDict([("", {"version": 1})])  # torch's state_dict carries this attribute
    return d


def linear(rng, n_in, n_out, scale=1.0):
    b = 1 / np.sqrt(n_in)
    return (rng.uniform(-b, b, (n_out, n_in)) * scale).astype(np.float32), rng.uniform(-b, b, n_out).astype(np.float32)


def norm_stats(rng, dim, prefix):
    mean = rng.normal(0, 1, dim).astype(np.float32)
    var = rng.uniform(0.2, 3, dim).astype(np.float32)
    shared = Storage(np.concatenate([var, np.sqrt(var)]).astype(np.float32))  # var and std in one storage
    return [(prefix + "n", tensor(np.array(5000, dtype=np.int64))), (prefix + "mean", tensor(mean)),
            (prefix + "var", Tensor(shared, 0, (dim,), (1,))), (prefix + "std", Tensor(shared, dim, (dim,), (1,)))], (mean, np.sqrt(var))


def mlp(rng, prefix, n_in, hidden):
    items, layers = [], []
    for i, h in enumerate(hidden):
        w, b = linear(rng, n_in, h)
        items += [(f"{prefix}{i}.weight", tensor(w)), (f"{prefix}{i}.bias", tensor(b))]
        layers.append((w, b))
        n_in = h
    return items, layers


def forward(x, stats, layers, head):
    mean, std = stats
    y = np.clip((x - mean) / (std + np.float32(1e-8)), -5, 5).astype(np.float64)
    for w, b in layers:
        z = y @ w.T.astype(np.float64) + b
        y = z / (1 + np.exp(-z))
    return y @ head[0].T.astype(np.float64) + head[1]


def lattice(rng, hidden, obs=OBS):
    """A Lattice expert's policy and value state dicts, and what it computes."""
    nitems, stats = norm_stats(rng, obs, "norm.")
    titems, layers = mlp(rng, "net.affine_layers.", obs, hidden)
    hw, hb = linear(rng, hidden[-1], ACT, 0.1)
    policy = state_dict(nitems + titems + [("action_mean.weight", transposed(hw)), ("action_mean.bias", tensor(hb)),
                                            ("log_std", tensor(rng.normal(-0.5, 0.1, (1, ACT + hidden[-1])).astype(np.float32)))])
    vitems, _ = mlp(rng, "net.affine_layers.", obs, hidden)
    vw, vb = linear(rng, hidden[-1], 1, 0.1)
    value = state_dict(vitems + [("value_head.weight", tensor(vw)), ("value_head.bias", tensor(vb))])
    return policy, value, (stats, layers, (hw, hb))


def optimizer():
    return {"state": {}, "param_groups": [{"lr": 5e-5, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0, "params": [0, 1, 2]}]}


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    x = (rng.normal(0, 1.5, (24, OBS))).astype(np.float32)

    policy, value, net = lattice(rng, [16, 12])
    torch_save({"policy": policy, "value": value, "epoch": 1200, "optimizer_policy": optimizer(),
                "optimizer_value": optimizer(), "frame": 61440000}, out / "lattice_small.pth")
    np.savez(out / "lattice_small.expected.npz", obs=x, action_mean=forward(x, *net).astype(np.float32))

    # a mixture of three experts and a gate (reference section 4.6), small widths
    items, experts = [], []
    gn, gstats = norm_stats(rng, OBS, "norm.")
    gt, glayers = mlp(rng, "gate.0.affine_layers.", OBS, [10, 8, 6])
    gw, _ = linear(rng, 6, 3, 50.0)
    # centre the logits over the test rows, so that different rows pick different experts
    gb = (-forward(x, gstats, glayers, (gw, np.zeros(3, np.float32))).mean(axis=0)).astype(np.float32)
    items += gn + gt + [("gate.1.weight", tensor(gw)), ("gate.1.bias", tensor(gb))]
    en, _ = norm_stats(rng, OBS, "experts.norm.")
    items += en
    for k in range(3):
        p, _, net_k = lattice(rng, [12])
        for name, t in p.items():
            if name == "log_std":
                continue  # the MoE drops the experts' log_std (reference section 4.6)
            if name.startswith("norm."):
                key = f"experts.experts.{k}.0." + name[len("norm."):]
            elif name.startswith("net."):
                key = f"experts.experts.{k}.1." + name[len("net."):]
            else:
                key = f"experts.experts.{k}.2." + name[len("action_mean."):]
            items.append((key, t))
        experts.append(net_k)
    moe = state_dict(items)
    vp, vv, _ = lattice(rng, [12])
    torch_save({"policy": moe, "value": vv, "epoch": 300, "optimizer_policy": optimizer(), "optimizer_value": optimizer(),
                "frame": 9000}, out / "moe_small.pth")
    logits = forward(x, gstats, glayers, (gw, gb))
    choice = logits.argmax(axis=1)
    means = np.stack([forward(x, *e) for e in experts], axis=1)
    np.savez(out / "moe_small.expected.npz", obs=x, expert=choice.astype(np.int64), gate_logits=logits.astype(np.float32),
             action_mean=means[np.arange(len(x)), choice].astype(np.float32))

    # another architecture: a Lattice expert over 100 observations (no KINESIS body has that layout)
    p100, v100, _ = lattice(rng, [8], obs=100)
    torch_save({"policy": p100, "value": v100, "epoch": 1, "frame": 1}, out / "other_obs.pth")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/kinesis/rl/pth")
