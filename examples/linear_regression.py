"""`make demo`: fit the seed's linear regression  Y_hat = X @ w.t() + b  with plain autograd.

Every step builds its graph as it runs (jitgrad.autograd.graph() shows it), backward()
walks and frees it, and the update happens under no_grad(). The graph of one step is written
to out/linear_regression_step.dot (and .svg when Graphviz's `dot` is installed).
"""
from __future__ import annotations

import pathlib
import shutil

import jitgrad as torch  # the seed's code, unchanged, runs on jitgrad

OUT = pathlib.Path(__file__).resolve().parent.parent / "out"


def make_data(n=400):
    torch.manual_seed(0)
    true_w = torch.tensor([[2.0, -3.4]])
    true_b = torch.tensor([[4.2]])
    X = torch.randn(n, 2)
    Y = X @ true_w.t() + true_b + 0.1 * torch.randn(n, 1)
    return X, Y, true_w, true_b


def main(steps=60, lr=0.1, batch=40):
    X, Y, true_w, true_b = make_data()
    w = torch.tensor([[3.0, 1.0]], requires_grad=True)   # the seed's starting point
    b = torch.tensor([[3.0]], requires_grad=True)
    live_at_start = torch.autograd.graph().number_of_nodes()

    for step in range(steps):
        i = (step * batch) % X.shape[0]
        Xb, Yb = X[i:i + batch], Y[i:i + batch]
        Y_hat = Xb @ w.t() + b
        loss = torch.mean(torch.pow(Y_hat - Yb, 2))
        if step == 0:
            g = torch.autograd.graph(loss)
            print(f"step 0 graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges:",
                  ", ".join(d["op"] for _, d in g.nodes(data=True) if d["kind"] == "function"))
            OUT.mkdir(exist_ok=True)
            torch.viz.save(loss, OUT / "linear_regression_step.dot")
            if shutil.which("dot"):
                torch.viz.save(loss, OUT / "linear_regression_step.svg")
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad.zero_()
            b.grad.zero_()
        if step % 10 == 0 or step == steps - 1:
            with torch.no_grad():  # the loss on all the data, not just this batch
                full = torch.mean(torch.pow(X @ w.t() + b - Y, 2))
            print(f"step {step:4d}  batch loss {loss.item():9.5f}  full-data loss {full.item():9.5f}")

    print(f"learned w = {w.data.tolist()}  (true {true_w.tolist()})")
    print(f"learned b = {b.data.tolist()}  (true {true_b.tolist()})")
    print(f"live graph nodes: {torch.autograd.graph().number_of_nodes()} "
          f"(at start {live_at_start}: backward freed every step's graph; the leaves w and b remain)")
    written = sorted(p.name for p in OUT.glob("linear_regression_step.*"))
    print(f"graph of one step written to out/: {', '.join(written)}")
    return w, b


if __name__ == "__main__":
    main()
