#!/usr/bin/env python3
"""Writes mdm_results_small.npy, a small MDM-style results file for the tests of kinesis.motion.text.

Layout as MDM's sample script saves it (np.save of a dict, pickled): 'motion' (N, 22, 3, T) float32
joint positions (y up, metres, 20 fps), 'text' (N prompts), 'lengths' (N,) int64 valid frames
(shorter samples padded with their last frame), 'num_samples', 'num_repetitions'.
The two samples are cut from the MIT-licensed MDM outputs in data/text/t2m-samples/mdm, so they are
real generated motions; written with numpy 2 (numpy._core pickles), whereas the shared files were
written with numpy 1 (numpy.core pickles).

Usage: python3 make_mdm_fixture.py [SHARED_DIR]   (default ../shared beside the repository)
"""
import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, *[".."] * 6, "..", "shared")
mdm = os.path.join(shared, "data", "text", "t2m-samples", "mdm")

circle = np.load(os.path.join(mdm, "results_running_in_circle.npy"), allow_pickle=True).item()
toolbox = np.load(os.path.join(mdm, "results_walk_pick_up_toolbox.npy"), allow_pickle=True).item()

T = 60
a = circle["motion"][0][..., :40]          # (22, 3, 40): the first 2 s of running in a circle
b = toolbox["motion"][1][..., :T]          # (22, 3, 60): walking forward to a toolbox
a = np.concatenate([a, np.repeat(a[..., -1:], T - a.shape[-1], axis=-1)], axis=-1)
motion = np.stack([a, b]).astype(np.float32)
results = {
    "motion": motion,
    "text": [circle["text"][0], toolbox["text"][1]],
    "lengths": np.array([40, T], dtype=np.int64),
    "num_samples": 2,
    "num_repetitions": 1,
}
np.save(os.path.join(here, "mdm_results_small.npy"), results, allow_pickle=True)
print("wrote mdm_results_small.npy:", motion.shape, results["text"], results["lengths"])
