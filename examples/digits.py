"""`make demo`: train an MLP (or, with --model cnn, a small CNN) on the 8x8 handwritten digits
shipped with jitgrad — once eagerly, once through ``jitgrad.compile`` — with the Keras-like
fit loop, a progress bar, the test accuracy, the compiled step's speed-up, and the model's
graph written to out/digits_<model>.dot (and .svg when Graphviz's ``dot`` is installed).

    python examples/digits.py [--model mlp|cnn] [--epochs 20] [--workers 0]
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import time

import jitgrad as jg
from jitgrad import nn
from jitgrad.datasets import load_digits
from jitgrad.keras import Accuracy, KerasModel
from jitgrad.utils.data import DataLoader, TensorDataset

OUT = pathlib.Path(__file__).resolve().parent.parent / "out"


def make_net(kind: str) -> nn.Module:
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(),
                             nn.Linear(64, 10))
    # 1x8x8 -> 16x8x8 -> 16x4x4 -> 32x4x4 -> 32x2x2 -> 10
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 2 * 2, 10))


def loaders(kind: str, batch_size: int, workers: int, seed: int):
    (x_train, y_train), (x_test, y_test) = load_digits(train=True), load_digits(train=False)
    if kind == "cnn":                      # images with one channel, as Conv2d expects
        x_train, x_test = x_train.unsqueeze(1), x_test.unsqueeze(1)
    shuffle = jg.Generator().manual_seed(seed)
    # persistent workers: started once, not at every epoch (the dataset is tiny, start-up is not)
    train = DataLoader(TensorDataset(x_train, y_train), batch_size=batch_size, shuffle=True, generator=shuffle,
                       num_workers=workers, persistent_workers=workers > 0)
    test = DataLoader(TensorDataset(x_test, y_test), batch_size=360)
    return train, test


def train(kind: str, compiled: bool, epochs: int, workers: int, seed: int = 0, progress: bool = True):
    """Train one model from the same initial weights; returns the KerasModel and its history."""
    jg.manual_seed(seed)
    net = make_net(kind)
    model = KerasModel(net, nn.CrossEntropyLoss(), {"acc": Accuracy()},
                       jg.optim.Adam(net.parameters(), lr=3e-3), compile=compiled)
    train_loader, test_loader = loaders(kind, 64, workers, seed)
    history = model.fit(train_loader, test_loader, epochs=epochs, monitor="val_acc", mode="max",
                        progress=progress)
    return model, history, train_loader


def step_ms(model: KerasModel, batch, seconds: float = 0.5) -> float:
    """Milliseconds per training step on one batch (forward, backward, Adam update), best of 5."""
    features, labels = batch
    model.train_step(features, labels)               # compiles, if it is the compiled model
    best = float("inf")
    for _ in range(5):
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 5:
            model.train_step(features, labels)
            calls += 1
        best = min(best, (time.perf_counter() - start) / calls)
    return best * 1e3


def main(kind="mlp", epochs=20, workers=0):
    results = {}
    for compiled in (False, True):
        label = "compiled" if compiled else "eager"
        print(f"--- {kind}, {label} ---")
        start = time.perf_counter()
        model, history, train_loader = train(kind, compiled, epochs, workers)
        seconds = time.perf_counter() - start
        best = history.best("val_acc", "max")
        print(history)
        print(f"{label}: test accuracy {best['val_acc']:.2%} (best epoch {best['epoch']}), "
              f"{seconds:.1f} s for {len(history)} epochs")
        results[label] = (model, best["val_acc"], next(iter(train_loader)))
    eager_ms = step_ms(results["eager"][0], results["eager"][2])
    compiled_ms = step_ms(results["compiled"][0], results["eager"][2])
    print(f"training step, batch 64: eager {eager_ms:.3f} ms, compiled {compiled_ms:.3f} ms "
          f"({eager_ms / compiled_ms:.2f}x faster compiled)")

    model = results["eager"][0]
    features, labels = results["eager"][2]
    loss = model.loss_fn(model.net(features), labels)          # one step's graph, to look at
    OUT.mkdir(exist_ok=True)
    written = [jg.viz.save(loss, OUT / f"digits_{kind}.dot")]
    if shutil.which("dot"):
        written.append(jg.viz.save(loss, OUT / f"digits_{kind}.svg"))
    print("graph of one training step written to", ", ".join(str(p.relative_to(OUT.parent)) for p in written))
    return {"eager_acc": results["eager"][1], "compiled_acc": results["compiled"][1],
            "eager_ms": eager_ms, "compiled_ms": compiled_ms}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("mlp", "cnn"), default="mlp")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    main(args.model, args.epochs, args.workers)
