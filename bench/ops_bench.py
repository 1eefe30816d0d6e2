"""The tensor API's cost against NumPy (and PyTorch when installed), measured in one run.

For a representative set of ops — elementwise, reductions, matmul, indexing, einsum — each
runs eagerly on jitgrad tensors, on the NumPy arrays behind them, and on torch tensors
sharing the same memory, with gradient recording off (NumPy has none to compare against).

* large tensors (about 4 million elements, or 512x512 matrices): the work is NumPy's, so
  jitgrad should be within 1.2x of NumPy;
* small tensors (4x4): what is left is per-op overhead, in microseconds per call, to set
  against PyTorch's — with recording off, and as forward + backward of ``op(...).sum()`` on
  inputs that require grad (the eager core's target: within 1.5x of PyTorch).

    python bench/ops_bench.py [--repeat 9]
"""
from __future__ import annotations

import argparse

import numpy as np

import jitgrad as jg
from timing import best_times_interleaved


def best_us(*fns, repeat, batch_seconds=0.05):
    """Best time of one call of each fn in µs: `repeat` rounds, each timing a batch of every fn
    in turn (jitgrad, NumPy, PyTorch side by side, so that the machine's drift cancels)."""
    return [t * 1e6 for t in best_times_interleaved(fns, repeat, batch_seconds)]


def elementwise_and_friends():
    """(name, fn, NumPy fn): `fn(L, a, b, index, mask)` runs with L = jitgrad on jitgrad
    tensors and L = torch on torch tensors; the NumPy fn computes the same on the arrays."""
    return [
        ("add", lambda L, a, b, i, mk: a + b, lambda a, b, i, mk: a + b),
        ("mul scalar", lambda L, a, b, i, mk: a * 0.5, lambda a, b, i, mk: a * np.float32(0.5)),
        ("exp", lambda L, a, b, i, mk: L.exp(a), lambda a, b, i, mk: np.exp(a)),
        ("tanh", lambda L, a, b, i, mk: L.tanh(a), lambda a, b, i, mk: np.tanh(a)),
        ("where", lambda L, a, b, i, mk: L.where(mk, a, b), lambda a, b, i, mk: np.where(mk, a, b)),
        ("sum", lambda L, a, b, i, mk: a.sum(), lambda a, b, i, mk: a.sum()),
        ("sum dim=1", lambda L, a, b, i, mk: a.sum(dim=1), lambda a, b, i, mk: a.sum(axis=1)),
        ("mean dim=0", lambda L, a, b, i, mk: a.mean(dim=0), lambda a, b, i, mk: a.mean(axis=0)),
        # max(dim) returns values and indices, as torch's: the NumPy baseline computes both
        ("max dim=1", lambda L, a, b, i, mk: a.max(dim=1), lambda a, b, i, mk: (a.max(axis=1), a.argmax(axis=1))),
        ("amax dim=1", lambda L, a, b, i, mk: L.amax(a, dim=1), lambda a, b, i, mk: a.max(axis=1)),
        ("einsum ij,ij->i", lambda L, a, b, i, mk: L.einsum("ij,ij->i", a, b),
         lambda a, b, i, mk: np.einsum("ij,ij->i", a, b)),
        ("std", lambda L, a, b, i, mk: a.std(), lambda a, b, i, mk: a.std(ddof=1)),
        ("cumsum dim=1", lambda L, a, b, i, mk: L.cumsum(a, dim=1), lambda a, b, i, mk: np.cumsum(a, axis=1)),
        ("getitem rows", lambda L, a, b, i, mk: a[i], lambda a, b, i, mk: a[i]),
        ("index_select", lambda L, a, b, i, mk: L.index_select(a, 0, i), lambda a, b, i, mk: np.take(a, i, axis=0)),
        ("masked_fill", lambda L, a, b, i, mk: a.masked_fill(mk, 0.0), lambda a, b, i, mk: np.where(mk, np.float32(0), a)),
        ("cat", lambda L, a, b, i, mk: L.cat([a, b], dim=0), lambda a, b, i, mk: np.concatenate([a, b], axis=0)),
        ("transpose+contiguous", lambda L, a, b, i, mk: a.t().contiguous(),
         lambda a, b, i, mk: np.ascontiguousarray(a.T)),
    ]


def run(shape, matrix, repeat, torch):
    rng = np.random.default_rng(0)
    a_np, b_np = (rng.standard_normal(shape).astype(np.float32) for _ in range(2))
    idx_np = rng.integers(0, shape[0], shape[0] // 2 or 1)
    mask_np = a_np > 0
    m_np, w_np = (rng.standard_normal((matrix, matrix)).astype(np.float32) for _ in range(2))
    batch_np = rng.standard_normal((8, matrix // 4, matrix // 4)).astype(np.float32)
    jg_in = [jg.from_numpy(x) for x in (a_np, b_np, idx_np, mask_np)]
    np_in = [a_np, b_np, idx_np, mask_np]
    rows = []
    t_in = [torch.from_numpy(x) for x in np_in] if torch is not None else None
    for name, jg_fn, np_fn in elementwise_and_friends():
        fns = [lambda: jg_fn(jg, *jg_in), lambda: np_fn(*np_in)]
        if torch is not None:
            fns.append(lambda: jg_fn(torch, *t_in))
        rows.append([name, *best_us(*fns, repeat=repeat)])
    products = [
        ("matmul", lambda L, x, y, z: x @ y, lambda x, y, z: x @ y),
        ("einsum bij,bjk->bik", lambda L, x, y, z: L.einsum("bij,bjk->bik", z, z),
         lambda x, y, z: np.einsum("bij,bjk->bik", z, z, optimize=True)),
    ]
    jg_m = [jg.from_numpy(x) for x in (m_np, w_np, batch_np)]
    t_m = [torch.from_numpy(x) for x in (m_np, w_np, batch_np)] if torch is not None else None
    for name, jg_fn, np_fn in products:
        fns = [lambda: jg_fn(jg, *jg_m), lambda: np_fn(m_np, w_np, batch_np)]
        if torch is not None:
            fns.append(lambda: jg_fn(torch, *t_m))
        rows.append([name, *best_us(*fns, repeat=repeat)])
    return rows


def run_with_backward(repeat, torch):
    """Forward + backward of op(a, b).sum() on (4, 4) inputs that require grad."""
    rng = np.random.default_rng(0)
    a_np, b_np = (rng.standard_normal((4, 4)).astype(np.float32) for _ in range(2))
    idx_np, mask_np = rng.integers(0, 4, 2), a_np > 0
    rows = []
    for name, fn, _ in elementwise_and_friends():
        steps = []
        for lib in ([jg] + ([torch] if torch is not None else [])):
            a, b = (lib.tensor(x, requires_grad=True) for x in (a_np, b_np))
            index, mask = lib.tensor(idx_np), lib.tensor(mask_np)

            def step(lib=lib, a=a, b=b, index=index, mask=mask):
                out = fn(lib, a, b, index, mask)
                (out[0] if isinstance(out, tuple) else out).sum().backward()
                a.grad = b.grad = None
            steps.append(step)
        rows.append([name, *best_us(*steps, repeat=repeat)])
    return rows


def show_backward(rows, torch):
    print("\nsmall (4, 4): forward + backward of op(...).sum(), inputs requiring grad")
    print(f"  {'op':<24}{'jitgrad µs':>12}" + (f"{'PyTorch µs':>12}{'jg/torch':>10}" if torch is not None else ""))
    for name, jg_us, *torch_us in rows:
        print(f"  {name:<24}{jg_us:12.2f}" + (f"{torch_us[0]:12.2f}{jg_us / torch_us[0]:10.2f}" if torch_us else ""))


def show(title, rows, torch):
    header = f"  {'op':<24}{'jitgrad µs':>12}{'NumPy µs':>11}{'jg/NumPy':>10}"
    if torch is not None:
        header += f"{'PyTorch µs':>12}{'jg/torch':>10}"
    print(f"\n{title}\n{header}")
    for name, jg_us, np_us, *torch_us in rows:
        line = f"  {name:<24}{jg_us:12.2f}{np_us:11.2f}{jg_us / np_us:10.2f}"
        if torch_us:
            line += f"{torch_us[0]:12.2f}{jg_us / torch_us[0]:10.2f}"
        print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        torch = None
    print(f"NumPy {np.__version__}" + (f", PyTorch {torch.__version__} (1 thread)" if torch else "")
          + "; gradient recording off")
    with jg.no_grad():
        if torch is not None:
            torch.set_grad_enabled(False)
        show("large: (2048, 2048) float32, matrices 512x512", run((2048, 2048), 512, args.repeat, torch), torch)
        show("small: (4, 4) float32, matrices 4x4 (per-op overhead)", run((4, 4), 4, args.repeat, torch), torch)
    if torch is not None:
        torch.set_grad_enabled(True)
    show_backward(run_with_backward(args.repeat, torch), torch)


if __name__ == "__main__":
    main()
