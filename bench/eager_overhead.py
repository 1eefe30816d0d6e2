"""Eager per-op overhead: a chain of 100 small ops on a (4, 4) float32 tensor.

Measures, in one run, microseconds per op for
  * forward with grad off (pure dispatch cost),
  * forward recording the graph (x requires grad),
  * forward + backward,
for jitgrad, NumPy (forward only: it has no autograd) and PyTorch when it is importable,
and prints jitgrad's ratio to each. Timings are the best of several repeats (the least
disturbed by other work on the machine).

    python bench/eager_overhead.py [--ops 100] [--repeat 7] [--json out.json]
"""
from __future__ import annotations

import argparse
import json

import numpy as np

import jitgrad
from timing import best_time

# One step of the chain is 5 ops; 20 steps = 100 ops. A mix of binary/unary, bounded values.
OPS_PER_STEP = 5


def chain(lib, x, steps, tanh, sigmoid):
    for _ in range(steps):
        x = x * 0.9
        x = x + 0.1
        x = tanh(x)
        x = sigmoid(x)
        x = x - 0.25
    return x


def numpy_chain(x, steps):
    for _ in range(steps):
        x = x * np.float32(0.9)
        x = x + np.float32(0.1)
        x = np.tanh(x)
        x = 1 / (1 + np.exp(-x))
        x = x - np.float32(0.25)
    return x


def measure(lib, steps, repeat, number):
    """The three modes for a torch-shaped library (jitgrad or torch)."""
    x0 = lib.rand(4, 4)
    leaf = lib.rand(4, 4, requires_grad=True)

    def fwd_nograd():
        with lib.no_grad():
            chain(lib, x0, steps, lib.tanh, lib.sigmoid)

    def fwd_graph():
        chain(lib, leaf, steps, lib.tanh, lib.sigmoid)

    def fwd_bwd():
        chain(lib, leaf, steps, lib.tanh, lib.sigmoid).sum().backward()

    return {name: best_time(fn, repeat, number) for name, fn in
            [("forward, grad off", fwd_nograd), ("forward, recording", fwd_graph),
             ("forward+backward", fwd_bwd)]}


def measure_torch(steps, repeat, number):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    return measure(torch, steps, repeat, number)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ops", type=int, default=100, help="ops in the chain (multiple of 5)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=20, help="chains per timing")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    steps = max(1, args.ops // OPS_PER_STEP)
    n_ops = steps * OPS_PER_STEP

    x_np = np.random.default_rng(0).random((4, 4), dtype=np.float32)
    results = {
        "jitgrad": measure(jitgrad, steps, args.repeat, args.number),
        "numpy": {"forward, grad off": best_time(lambda: numpy_chain(x_np, steps), args.repeat, args.number)},
    }
    torch_results = measure_torch(steps, args.repeat, args.number)
    if torch_results is not None:
        results["pytorch"] = torch_results

    per_op = {lib: {k: v / n_ops * 1e6 for k, v in r.items()} for lib, r in results.items()}
    print(f"Eager overhead: chain of {n_ops} ops on (4, 4) float32, µs per op (best of {args.repeat})\n")
    header = f"{'mode':<22}{'jitgrad':>10}{'numpy':>10}{'pytorch':>10}{'jg/np':>9}{'jg/torch':>10}"
    print(header)
    print("-" * len(header))
    for mode in per_op["jitgrad"]:
        jg = per_op["jitgrad"][mode]
        np_v = per_op["numpy"].get(mode)
        th = per_op.get("pytorch", {}).get(mode)
        fmt = lambda v: f"{v:10.2f}" if v is not None else f"{'-':>10}"  # noqa: E731
        ratio = lambda a, b: f"{a / b:9.2f}" if b else f"{'-':>9}"  # noqa: E731
        print(f"{mode:<22}{fmt(jg)}{fmt(np_v)}{fmt(th)}{ratio(jg, np_v)}{ratio(jg, th):>10}")
    if torch_results is None:
        print("\n(PyTorch not installed: `pip install torch` to add it to the comparison)")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"ops": n_ops, "us_per_op": per_op}, fh, indent=2)


if __name__ == "__main__":
    main()
