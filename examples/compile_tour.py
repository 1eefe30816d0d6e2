"""A tour of `@jitgrad.compile`: trace, symbolic backward, fusion, the generated kernel.

Runs a fused elementwise chain and a small gradient computation compiled and eagerly, checks
they agree, prints the compiler's report and writes the fused graph (kernels drawn as
clusters) to out/compile_tour_fused.dot (and .svg where Graphviz is installed).
"""
from __future__ import annotations

import pathlib
import shutil
import time

import jitgrad as jg

OUT = pathlib.Path(__file__).resolve().parent.parent / "out"


def chain(x, a, b):
    return jg.tanh(a * x + b) * jg.sigmoid(x) - 0.5 * x * x + jg.exp(-jg.abs(x))


def loss(x, w):
    return (jg.tanh(x @ w) * 2.0 + 1.0).sum()


def best_ms(fn, repeat=5):
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1e3


def main(n=1_000_000):
    jg.manual_seed(0)
    compiled_chain = jg.compile(chain)
    x = jg.randn(n)
    same = (compiled_chain(x, 0.7, 0.1) - chain(x, 0.7, 0.1)).abs().max().item()
    print(f"chain on {n:,} float32: max |compiled - eager| = {same:.2e}")
    print(f"  eager {best_ms(lambda: chain(x, 0.7, 0.1)):.2f} ms, "
          f"compiled {best_ms(lambda: compiled_chain(x, 0.7, 0.1)):.2f} ms")

    compiled_loss = jg.compile(loss)
    x, w = jg.randn(64, 32), jg.randn(32, 16, requires_grad=True)
    compiled_loss(x, w).backward()
    compiled_grad, w.grad = w.grad, None
    loss(x, w).backward()
    print(f"gradient: max |compiled - eager| = {(compiled_grad - w.grad).abs().max().item():.2e}")

    report = compiled_loss.explain(x, w)
    print(report)
    OUT.mkdir(exist_ok=True)
    jg.viz.save(report.fused_graph, OUT / "compile_tour_fused.dot")
    if shutil.which("dot"):
        jg.viz.save(report.fused_graph, OUT / "compile_tour_fused.svg")
    print(f"fused graph written to out/compile_tour_fused.dot ({report.kernel_count} kernels)")


if __name__ == "__main__":
    main()
