"""Compiler figures, measured in one run (ratios against baselines timed alongside).

1. The fused elementwise chain on 1e7 float32,
       y = tanh(a*x + b) * sigmoid(x) - 0.5*x*x + exp(-|x|)
   forward: jitgrad.compile vs a hand-written vectorised Numba kernel of the same expression
   (jitgrad.backends.fastmath_f32), NumPy, jitgrad eager, and PyTorch eager / torch.compile /
   jax.jit when installed; forward+backward of y.sum(): compiled vs jitgrad eager.
2. One training step of an MLP 784-256-256-10 (ReLU, cross-entropy, SGD, batch 128, float32):
   jitgrad compiled and eager vs PyTorch eager (and jax.jit of the same step) when installed.
3. Compile time of the chain's forward+backward, each in a new process: cold (empty jitgrad
   and Numba caches: tracing, passes, code generation, LLVM) and warm (a second process
   finding the disk cache), with the import of jitgrad timed apart.

    python bench/compile_bench.py [--n 10000000] [--repeat 7]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numba
import numpy as np

import jitgrad as jg
from jitgrad.backends.fastmath_f32 import FASTMATH_FLAGS, exp_f32, sigmoid_f32, tanh_f32

A, B = 0.7, 0.1
HALF = np.float32(0.5)


def best_ms(fn, repeat, min_seconds=0.0):
    """Best time of `repeat` calls, or of as many as fill `min_seconds` (short calls are noisy)."""
    fn()  # warm-up (compilation, caches)
    best, spent, runs = float("inf"), 0.0, 0
    while runs < repeat or spent < min_seconds:
        start = time.perf_counter()
        fn()
        took = time.perf_counter() - start
        best, spent, runs = min(best, took), spent + took, runs + 1
    return best * 1e3


def chain(x, a=A, b=B):
    return jg.tanh(a * x + b) * jg.sigmoid(x) - 0.5 * x * x + jg.exp(-jg.abs(x))


@numba.njit(parallel=True, fastmath=set(FASTMATH_FLAGS))
def hand_kernel(x, a, b, y):
    for i in numba.prange(x.shape[0]):
        v = x[i]
        y[i] = tanh_f32(a * v + b) * sigmoid_f32(v) - HALF * v * v + exp_f32(-abs(v))


def fused_chain(n, repeat):
    rows = []
    x_np = np.random.default_rng(0).standard_normal(n).astype(np.float32)
    x = jg.from_numpy(x_np)
    compiled = jg.compile(chain)
    a32, b32 = np.float32(A), np.float32(B)

    def hand():
        hand_kernel(x_np, a32, b32, np.empty_like(x_np))

    out = np.empty_like(x_np)
    rows.append(("jitgrad.compile", best_ms(lambda: compiled(x), repeat)))
    rows.append(("hand-written Numba kernel", best_ms(hand, repeat)))
    # the same kernel writing into one preallocated array: no allocation or page faults at all
    rows.append(("  same, preallocated output", best_ms(lambda: hand_kernel(x_np, a32, b32, out), repeat)))
    rows.append(("NumPy", best_ms(lambda: np.tanh(A * x_np + B) * (1 / (1 + np.exp(-x_np)))
                                  - HALF * x_np * x_np + np.exp(-np.abs(x_np)), repeat)))
    rows.append(("jitgrad eager", best_ms(lambda: chain(x), repeat)))
    kernels = sum(hasattr(s, "source") for s in next(iter(compiled.entries.values())).forward.steps)
    try:
        import torch
        torch.set_num_threads(numba.get_num_threads())
        tx = torch.from_numpy(x_np)

        def torch_chain(t):
            return torch.tanh(A * t + B) * torch.sigmoid(t) - 0.5 * t * t + torch.exp(-torch.abs(t))
        rows.append(("PyTorch eager", best_ms(lambda: torch_chain(tx), repeat)))
        try:
            tc = torch.compile(torch_chain)
            rows.append(("torch.compile", best_ms(lambda: tc(tx), repeat)))
        except Exception as err:  # noqa: BLE001 - report, do not fail the bench
            print(f"(torch.compile unavailable: {type(err).__name__}: {err})")
    except ImportError:
        pass
    try:
        import jax
        import jax.numpy as jnp
        jchain = jax.jit(lambda t: jnp.tanh(A * t + B) * jax.nn.sigmoid(t) - 0.5 * t * t + jnp.exp(-jnp.abs(t)))
        jx = jnp.asarray(x_np)
        rows.append(("jax.jit", best_ms(lambda: jchain(jx).block_until_ready(), repeat)))
    except ImportError:
        pass

    xg = jg.from_numpy(x_np.copy()).requires_grad_()
    compiled_loss = jg.compile(lambda t: chain(t).sum())

    def step(fn):
        def run():
            xg.grad = None
            fn(xg).backward()
        return run
    backward_rows = [("jitgrad.compile fwd+bwd", best_ms(step(compiled_loss), repeat)),
                     ("jitgrad eager fwd+bwd", best_ms(step(lambda t: chain(t).sum()), repeat))]
    return rows, backward_rows, kernels


def mlp_step(repeat, batch=128):
    rng = np.random.default_rng(0)
    sizes = [784, 256, 256, 10]
    init = [((rng.standard_normal((i, o)) / np.sqrt(i)).astype(np.float32), np.zeros(o, np.float32))
            for i, o in zip(sizes[:-1], sizes[1:])]
    x_np = rng.standard_normal((batch, 784)).astype(np.float32)
    labels = rng.integers(0, 10, batch)
    onehot_np = np.eye(10, dtype=np.float32)[labels]
    lr = 0.01

    def loss_fn(x, onehot, w1, b1, w2, b2, w3, b3):
        h = (x @ w1 + b1).relu()
        h = (h @ w2 + b2).relu()
        logits = h @ w3 + b3
        shifted = logits - logits.max(dim=1, keepdim=True).values
        log_probs = shifted - jg.log(jg.exp(shifted).sum(dim=1, keepdim=True))
        return -(onehot * log_probs).sum(dim=1).mean()

    def make_step(fn):
        params = [jg.tensor(p, requires_grad=True) for pair in init for p in pair]
        x, onehot = jg.from_numpy(x_np), jg.from_numpy(onehot_np)

        def step():
            loss = fn(x, onehot, *params)
            loss.backward()
            with jg.no_grad():
                for p in params:
                    p -= lr * p.grad
                    p.grad = None
            return loss
        return step

    # a step takes about a millisecond: time many, so that the best is not luck
    seconds = 1.0
    rows = [("jitgrad.compile", best_ms(make_step(jg.compile(loss_fn)), repeat, seconds)),
            ("jitgrad eager", best_ms(make_step(loss_fn), repeat, seconds))]
    try:
        import torch
        torch.set_num_threads(numba.get_num_threads())
        tparams = [torch.tensor(p, requires_grad=True) for pair in init for p in pair]
        tx, tlabels = torch.from_numpy(x_np), torch.from_numpy(labels)
        opt = torch.optim.SGD(tparams, lr=lr)

        def torch_step():
            w1, b1, w2, b2, w3, b3 = tparams
            h = torch.relu(tx @ w1 + b1)
            h = torch.relu(h @ w2 + b2)
            loss = torch.nn.functional.cross_entropy(h @ w3 + b3, tlabels)
            opt.zero_grad()
            loss.backward()
            opt.step()
        rows.append(("PyTorch eager", best_ms(torch_step, repeat, seconds)))
    except ImportError:
        pass
    try:
        import jax
        import jax.numpy as jnp

        def jax_loss(params, x, onehot):
            w1, b1, w2, b2, w3, b3 = params
            h = jax.nn.relu(x @ w1 + b1)
            h = jax.nn.relu(h @ w2 + b2)
            return -(onehot * jax.nn.log_softmax(h @ w3 + b3)).sum(axis=1).mean()

        @jax.jit
        def jax_step(params, x, onehot):   # the whole step, update included, as one XLA program
            grads = jax.grad(jax_loss)(params, x, onehot)
            return [p - lr * g for p, g in zip(params, grads)]
        state = {"params": [jnp.asarray(p) for pair in init for p in pair]}
        jx, jonehot = jnp.asarray(x_np), jnp.asarray(onehot_np)

        def run_jax():
            state["params"] = jax_step(state["params"], jx, jonehot)
            state["params"][0].block_until_ready()
        rows.append(("jax.jit (whole step)", best_ms(run_jax, repeat, seconds)))
    except ImportError:
        pass
    return rows


COMPILE_SCRIPT = """
import json, sys, time
start = time.perf_counter()
import numpy as np
import jitgrad as jg
imported = time.perf_counter()
sys.path.insert(0, {bench!r})
from compile_bench import chain
x = jg.from_numpy(np.random.default_rng(0).standard_normal({n}).astype(np.float32)).requires_grad_()
f = jg.compile(lambda t: chain(t).sum())
called = time.perf_counter()
f(x).backward()
done = time.perf_counter()
print(json.dumps({{"import_s": imported - start, "first_call_s": done - called}}))
"""


def compile_times(n):
    """Cold and warm compile of the chain's forward+backward, each in a new process sharing
    fresh cache directories (so the first finds nothing and the second finds the first's)."""
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, JITGRAD_CACHE_DIR=os.path.join(cache, "jitgrad"),
                   NUMBA_CACHE_DIR=os.path.join(cache, "numba"))
        script = COMPILE_SCRIPT.format(bench=os.path.dirname(os.path.abspath(__file__)), n=n)
        for label in ("cold: empty caches", "warm: second process"):
            done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                                  text=True, check=True)
            rows.append((label, json.loads(done.stdout.strip().splitlines()[-1])))
    return rows


def show(title, rows, base_name):
    base = dict(rows)[base_name]
    print(f"\n{title}")
    for name, ms in rows:
        print(f"  {name:<28}{ms:9.2f} ms   {ms / base:6.2f}x of {base_name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"{numba.get_num_threads()} threads; NumPy {np.__version__}, Numba {numba.__version__}")
    rows, backward_rows, kernels = fused_chain(args.n, args.repeat)
    show(f"Fused chain, {args.n:,} float32, forward ({kernels} kernel(s))", rows, "jitgrad.compile")
    show("Fused chain, forward + backward of y.sum()", backward_rows, "jitgrad.compile fwd+bwd")
    show("MLP 784-256-256-10 training step, batch 128", mlp_step(args.repeat), "jitgrad.compile")
    print("\nCompile of the chain's forward+backward, in a new process (targets: cold <= 3 s, warm <= 0.5 s)")
    for label, t in compile_times(args.n):
        print(f"  {label:<28}first call {t['first_call_s']:6.2f} s   (import jitgrad {t['import_s']:.2f} s)")


if __name__ == "__main__":
    main()
