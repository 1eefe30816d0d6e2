"""nn, optim and data pipeline figures, all measured in one run against PyTorch when installed.

1. MLP 784-256-256-10 training step (nn.Linear + ReLU, cross-entropy, SGD with momentum,
   batch 128, float32): jitgrad eager and ``jitgrad.compile``d (forward + backward compiled,
   the optimizer's update eager in both) against PyTorch eager on the same initial weights.
2. Conv2d 3x3, 16 -> 32 channels, 28x28, batch 32, forward + backward (``conv(x).sum()``).
3. An epoch of examples/digits.py's MLP training with DataLoader(num_workers=2) against 0.

PyTorch runs with as many threads as Numba uses here (``numba.get_num_threads()``).

    python bench/nn_bench.py [--repeat 10]
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import time

import numba
import numpy as np

import jitgrad as jg
from jitgrad import nn
import jitgrad.nn.functional as F
from timing import best_times_interleaved

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "examples"))


def best_ms(named_fns, repeat, seconds=1.0):
    """[(name, best ms per call)]: `repeat` rounds, each timing a batch of every fn in turn (so
    the machine's drift cancels in the ratios), batches sized to fill about seconds/repeat."""
    times = best_times_interleaved([fn for _, fn in named_fns], repeat, seconds / repeat, settle=0.3)
    return [(name, t * 1e3) for (name, _), t in zip(named_fns, times)]


def try_torch():
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(numba.get_num_threads())
    return torch


def mlp_step(repeat, torch, batch=128):
    rng = np.random.default_rng(0)
    x_np = rng.standard_normal((batch, 784)).astype(np.float32)
    labels_np = rng.integers(0, 10, batch)
    jg.manual_seed(0)
    init = [p.detach().numpy().copy() for p in
            nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                          nn.Linear(256, 10)).parameters()]

    def jitgrad_step(compiled):
        net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
        with jg.no_grad():
            for p, value in zip(net.parameters(), init):
                p.copy_(jg.from_numpy(value))
        opt = jg.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
        x, labels = jg.from_numpy(x_np), jg.from_numpy(labels_np)

        def loss_of(x, labels):
            return F.cross_entropy(net(x), labels)
        loss_fn = jg.compile(loss_of) if compiled else loss_of

        def step():
            loss = loss_fn(x, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
        return step
    steps = [("jitgrad.compile", jitgrad_step(True)), ("jitgrad eager", jitgrad_step(False))]
    if torch is not None:
        tnet = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256),
                                   torch.nn.ReLU(), torch.nn.Linear(256, 10))
        with torch.no_grad():
            for p, value in zip(tnet.parameters(), init):
                p.copy_(torch.from_numpy(value))
        topt = torch.optim.SGD(tnet.parameters(), lr=0.01, momentum=0.9)
        tx, tlabels = torch.from_numpy(x_np), torch.from_numpy(labels_np)

        def torch_step():
            loss = torch.nn.functional.cross_entropy(tnet(tx), tlabels)
            topt.zero_grad()
            loss.backward()
            topt.step()
        steps.append(("PyTorch eager", torch_step))
    return best_ms(steps, repeat, 4.0)


def conv_step(repeat, torch):
    rng = np.random.default_rng(1)
    x_np = rng.standard_normal((32, 16, 28, 28)).astype(np.float32)
    jg.manual_seed(0)
    conv = nn.Conv2d(16, 32, 3)
    x = jg.from_numpy(x_np).requires_grad_()

    def step():
        x.grad = None
        conv.zero_grad()
        conv(x).sum().backward()
    steps = [("jitgrad eager", step)]
    if torch is not None:
        tconv = torch.nn.Conv2d(16, 32, 3)
        tx = torch.from_numpy(x_np).requires_grad_()

        def torch_step():
            tx.grad = None
            tconv.zero_grad()
            tconv(tx).sum().backward()
        steps.append(("PyTorch eager", torch_step))
    return best_ms(steps, repeat, 4.0)


def data_epoch(repeat):
    """Seconds per epoch of the digits MLP's eager training, the loader with 0 or 2 workers."""
    import digits
    from jitgrad.keras import KerasModel
    rows = []
    for workers in (0, 2):
        jg.manual_seed(0)
        net = digits.make_net("mlp")
        model = KerasModel(net, nn.CrossEntropyLoss(), optimizer=jg.optim.Adam(net.parameters(), lr=3e-3))
        train_loader, _ = digits.loaders("mlp", 64, workers, 0)
        model.fit(train_loader, epochs=1, progress=False)            # workers start, caches warm
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            model.fit(train_loader, epochs=1, progress=False)
            best = min(best, time.perf_counter() - start)
        rows.append((f"num_workers={workers}", best * 1e3))
    return rows


def show(title, rows, reference):
    print(f"\n{title}")
    ref = dict(rows)[reference]
    for name, ms in rows:
        print(f"  {name:24s} {ms:9.3f} ms   {ms / ref:5.2f}x {reference}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    torch = try_torch()
    print(f"NumPy {np.__version__}, Numba {numba.__version__} ({numba.get_num_threads()} threads)"
          + (f", PyTorch {torch.__version__}" if torch else ", PyTorch not installed"))
    show("MLP 784-256-256-10 training step, batch 128 (SGD momentum 0.9)", mlp_step(args.repeat, torch),
         "PyTorch eager" if torch else "jitgrad eager")
    show("Conv2d 3x3 16->32, 28x28, batch 32, forward + backward", conv_step(args.repeat, torch),
         "PyTorch eager" if torch else "jitgrad eager")
    show("An epoch of examples/digits.py (MLP, eager, batch 64)", data_epoch(args.repeat), "num_workers=0")


if __name__ == "__main__":
    main()
